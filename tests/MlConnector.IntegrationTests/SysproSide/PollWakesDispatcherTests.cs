using Microsoft.Extensions.DependencyInjection;
using MlConnector.Outbox;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>A poll's new alerts leave at once, not at the dispatcher's next look at the queue.</summary>
public sealed class PollWakesDispatcherTests
{
    [Fact]
    public async Task Poll_CommitsNewAlerts_DispatcherSendsThemWithoutTheClockMoving()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, withTwilio: true,
            settings: new Dictionary<string, string?> { ["Outbox:PollInterval"] = "00:01:00" });
        var activity = harness.App.Services.GetRequiredService<DispatcherActivity>();
        await harness.PollAsync(RulePresets.PoSubmitted);
        await activity.WhenIdleAsync(ct).WaitAsync(TimeSpan.FromSeconds(20), ct); // its next look at the queue is a minute away
        var data = harness.Simulator.Data;
        var po = data.CreatePurchaseOrder(data.SupplierNamed("O'Brien & Sons").Supplier, "B01", 2, 10m);
        data.SubmitPurchaseOrder(po.PurchaseOrder);
        var clock = harness.Time.GetUtcNow();

        await harness.PollAsync(RulePresets.PoSubmitted);
        await activity.WhenIdleAsync(ct).WaitAsync(TimeSpan.FromSeconds(20), ct);

        Assert.Equal(clock, harness.Time.GetUtcNow());
        Assert.Equal([SysproSideHarness.Approver, SysproSideHarness.Director], harness.Twilio!.Messages.Select(m => m.To).Order());
    }
}
