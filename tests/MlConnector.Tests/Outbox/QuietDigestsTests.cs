using MlConnector.Outbox;

namespace MlConnector.Tests.Outbox;

/// <summary>The text of a quiet-hours digest: one text when it fits, references kept with their lines.</summary>
public sealed class QuietDigestsTests
{
    [Fact]
    public void ThreeAlerts_MakeOneText_WithTheirReferencesShortened()
    {
        var texts = QuietDigests.Compose(
        [
            "PO 150802 approved: O'Brien & Sons, 126.00 USD.",
            "Invoice OB-9001 posted: 2,500.00 USD.",
            "PO 150803 awaits your approval: Acme, 10.00 USD, 1 line. Reply OK 7KQ2 to confirm.",
        ], TimeSpan.FromHours(9));

        Assert.Equal(
            "3 alerts overnight: 1) PO 150802 approved: O'Brien & Sons, 126.00 USD. 2) Invoice OB-9001 posted: 2,500.00 USD. "
            + "3) PO 150803 awaits your approval: Acme, 10.00 USD, 1 line. (OK 7KQ2) Reply OK and the code to confirm.",
            Assert.Single(texts));
    }

    [Fact]
    public void ManyLongAlerts_AreSplitOnlyWhereTheLimitForces_EachPartNumbered()
    {
        var bodies = Enumerable.Range(1, 12).Select(i => $"Alert {i}: " + new string('x', 290)).ToList();

        var texts = QuietDigests.Compose(bodies, TimeSpan.FromDays(2));

        Assert.Equal(3, texts.Count);
        Assert.All(texts, t => Assert.True(t.Length <= 1600, $"{t.Length} characters"));
        Assert.StartsWith("12 alerts while you were off: 1) Alert 1: ", texts[0], StringComparison.Ordinal);
        Assert.EndsWith(" (3/3)", texts[2], StringComparison.Ordinal);
        Assert.Equal(12, texts.Sum(t => t.Split(") Alert ").Length - 1));
    }
}
