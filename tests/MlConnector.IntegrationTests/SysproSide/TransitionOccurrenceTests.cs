using MlConnector.Rules;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>An alert is a transition occurrence, not a record's content (issue 12, seen 5; design.md, Decisions).</summary>
public sealed class TransitionOccurrenceTests
{
    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task PoResubmittedAfterReturningToInProcess_IsTextedAgain_AndARereadNever(SysproTransport transport)
    {
        await using var harness = await SysproSideHarness.StartAsync(transport, purchaseOrders: 300);
        var data = harness.Simulator.Data;
        await harness.PollAsync(RulePresets.PoSubmitted);
        var po = data.PurchaseOrdersInStatus("0").First().PurchaseOrder;

        data.SubmitPurchaseOrder(po);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var submitted = await harness.PollAsync(RulePresets.PoSubmitted);
        data.UpdateRow("PorMasterHdr", [po], new Dictionary<string, string?> { ["OrderStatus"] = "0" });
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var returned = await harness.PollAsync(RulePresets.PoSubmitted);
        data.SubmitPurchaseOrder(po);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var resubmitted = await harness.PollAsync(RulePresets.PoSubmitted);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var reread = await harness.PollAsync(RulePresets.PoSubmitted);

        Assert.Equal([2, 0, 2, 0], new[] { submitted, returned, resubmitted, reread }.Select(p => p.AlertsEnqueued));
        var alerts = await harness.AlertsAsync(RulePresets.PoSubmitted);
        Assert.Equal(4, alerts.Count);
        Assert.All(alerts, a => Assert.Equal("0->1", a.Transition));
        Assert.Equal(2, alerts.Count(a => a.Phone == SysproSideHarness.Approver));
    }
}
