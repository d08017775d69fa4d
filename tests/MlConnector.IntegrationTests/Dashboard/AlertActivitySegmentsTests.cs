using MlConnector.Alerts;
using MlConnector.Dashboard;
using MlConnector.IntegrationTests.Storage;

namespace MlConnector.IntegrationTests.Dashboard;

/// <summary>The overview's segments sent, grouped in the database on both dialects: sent, delivered and undelivered
/// alerts count (what Twilio bills), failed, waiting and digested ones do not.</summary>
public sealed class AlertActivitySegmentsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task SegmentsSent_PerRuleAndPerDay_CountOnlyWhatTwilioBills(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        await AlertAsync(s, "A1", "po-approved", AlertStates.Delivered, segments: 2, Now.AddHours(-1));
        await AlertAsync(s, "A2", "po-approved", AlertStates.Undelivered, segments: 3, Now.AddHours(-2));
        await AlertAsync(s, "A3", "po-approved", AlertStates.Failed, segments: 5, Now.AddHours(-3));
        await AlertAsync(s, "A4", "po-approved", AlertStates.Digested, segments: 7, Now.AddHours(-3));
        await AlertAsync(s, "L1", "po-late", AlertStates.Sent, segments: 1, Now.AddHours(-4));
        await AlertAsync(s, "L2", "po-late", AlertStates.Pending, segments: 4, Now.AddHours(-4));
        await AlertAsync(s, "L3", "po-late", AlertStates.Delivered, segments: 6, Now.AddDays(-2));
        var activity = new AlertActivity(s.Dialect);

        var byRule = await activity.ByRuleAsync(Now.AddHours(-24), Ct);
        var days = await activity.SlotsAsync(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1), 7, Ct);

        Assert.Equal([("po-approved", 5L), ("po-late", 1L)], byRule.Select(r => (r.Rule, r.Segments)));
        Assert.Equal([0L, 0L, 0L, 0L, 6L, 0L, 6L], days.Select(d => d.Segments));
    }

    private static async Task AlertAsync(TestStore s, string key, string rule, string state, int segments, DateTimeOffset created)
    {
        var id = await s.EnqueueAsync(key, created, rule: rule);
        await s.ExecuteAsync("UPDATE alerts SET state = @state, segments = @segments WHERE id = @id", new { state, segments, id });
    }
}
