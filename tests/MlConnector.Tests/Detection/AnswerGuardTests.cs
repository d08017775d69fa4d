using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Detection;
using MlConnector.Recipients;
using MlConnector.Rules;

namespace MlConnector.Tests.Detection;

public sealed class AnswerGuardTests
{
    private static readonly RuleDefinition Rule = new()
    {
        Id = "po-submitted", Description = "x", Company = "default", Transport = SysproTransport.OData, Table = "PorMasterHdr",
        KeyColumns = ["PurchaseOrder"], StatusColumn = "OrderStatus", Columns = [], Transitions = [], Filter = [],
        Watermark = WatermarkKind.None, WatermarkOverlap = TimeSpan.FromDays(1), Cadence = TimeSpan.FromMinutes(5), Enrich = [],
        Template = "x", Recipients = new RecipientRuleOptions(),
    };

    private static DetectionResult Read(int remembered, int changed) =>
        new([], [], [], null, false, remembered - changed) { Remembered = remembered, Changed = changed };

    [Fact]
    public void Confirm_LargeChange_WaitsForTheNextReadToAgree()
    {
        var guard = new AnswerGuard(NullLogger<AnswerGuard>.Instance);

        var first = guard.Confirm(Rule, Read(2000, 2000));
        var second = guard.Confirm(Rule, Read(2000, 2000));

        Assert.Contains("would change or remove 2000 of the 2000 records", first, StringComparison.Ordinal);
        Assert.Contains("PorMasterHdr", first, StringComparison.Ordinal);
        Assert.Null(second);
    }

    [Fact]
    public void Confirm_LargeChangeThenANormalRead_TheNextLargeOneWaitsAgain()
    {
        var guard = new AnswerGuard(NullLogger<AnswerGuard>.Instance);

        Assert.NotNull(guard.Confirm(Rule, Read(2000, 2000)));
        Assert.Null(guard.Confirm(Rule, Read(2000, 3)));
        Assert.NotNull(guard.Confirm(Rule, Read(2000, 1500)));
    }

    [Theory]
    [InlineData(2000, 1000)]
    [InlineData(9, 9)]
    public void Confirm_AtMostTheShareOrFewerThanTenRecords_IsBelievedAtOnce(int remembered, int changed) =>
        Assert.Null(new AnswerGuard(NullLogger<AnswerGuard>.Instance).Confirm(Rule, Read(remembered, changed)));
}
