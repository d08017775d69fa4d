using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>The SYSPRO half of the mission end to end: simulator -> source -> detector -> templates -> outbox.</summary>
public sealed class SysproSideTests
{
    public static TheoryData<SysproTransport, string> Transports => new()
    {
        { SysproTransport.OData, "sqlite" },
        { SysproTransport.Enet, "sqlite" },
        { SysproTransport.OData, "postgres" },
        { SysproTransport.Enet, "postgres" },
    };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task PoSubmitted_OnePoll_OneAlertPerApproverThenNoneThenApprovalAlert(SysproTransport transport, string store)
    {
        await using var database = await StoreDatabase.ForAsync(store);
        await using var harness = await SysproSideHarness.StartAsync(transport, postgresConnectionString: database?.ConnectionString);
        await harness.PollAsync(RulePresets.PoSubmitted);
        await harness.PollAsync(RulePresets.PoApproved);
        var po = harness.Simulator.Data.PurchaseOrdersInStatus("0").First();

        harness.Simulator.Data.SubmitPurchaseOrder(po.PurchaseOrder);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var submitted = await harness.PollAsync(RulePresets.PoSubmitted);
        Assert.Equal(0, (await harness.PollAsync(RulePresets.PoApproved)).AlertsEnqueued);
        var again = await harness.PollAsync(RulePresets.PoSubmitted);
        var alerts = await harness.AlertsAsync(RulePresets.PoSubmitted);

        Assert.Equal(2, submitted.AlertsEnqueued);
        Assert.Equal(0, again.AlertsEnqueued);
        Assert.Equal([SysproSideHarness.Approver, SysproSideHarness.Director], alerts.Select(a => a.Phone).Order());
        var lines = harness.Simulator.Data.LinesOf(po.PurchaseOrder).ToList();
        var supplier = harness.Simulator.Data.FindSupplier(po.Supplier)!;
        Assert.All(alerts, a =>
        {
            Assert.Equal(po.PurchaseOrder.Trim(), a.SourceKey);
            Assert.Contains(po.PurchaseOrder.Trim(), a.Body, StringComparison.Ordinal);
            Assert.Contains(supplier.SupplierName, a.Body, StringComparison.Ordinal);
            Assert.Contains($"{lines.Count} line", a.Body, StringComparison.Ordinal);
            Assert.Contains(po.Currency, a.Body, StringComparison.Ordinal);
        });

        harness.Simulator.Data.ApprovePurchaseOrder(po.PurchaseOrder);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var approved = await harness.PollAsync(RulePresets.PoApproved);
        var approval = Assert.Single(await harness.AlertsAsync(RulePresets.PoApproved));

        Assert.Equal(1, approved.AlertsEnqueued);
        Assert.Equal(SysproSideHarness.Procurement, approval.Phone);
        Assert.Equal("1->4", approval.Transition);
        Assert.StartsWith($"PO {po.PurchaseOrder.Trim()} approved", approval.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task InvoicePosted_AlertsOnceAlsoWhenPolledAgainTheNextDay(SysproTransport transport, string store)
    {
        await using var database = await StoreDatabase.ForAsync(store);
        await using var harness = await SysproSideHarness.StartAsync(transport, postgresConnectionString: database?.ConnectionString);
        await harness.PollAsync(RulePresets.InvoicePosted);
        var supplier = harness.Simulator.Data.SupplierNamed(SysproData.SpecialSupplierNames[0]);

        harness.Simulator.Data.PostSupplierInvoice(supplier.Supplier, "INV-77001", 1234.50m);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var first = await harness.PollAsync(RulePresets.InvoicePosted);
        harness.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await harness.PollAsync(RulePresets.InvoicePosted);

        Assert.Equal(1, first.AlertsEnqueued);
        Assert.Equal(0, nextDay.AlertsEnqueued);
        var alert = Assert.Single(await harness.AlertsAsync(RulePresets.InvoicePosted));
        Assert.Equal(SysproSideHarness.AccountsPayable, alert.Phone);
        Assert.Contains("INV-77001", alert.Body, StringComparison.Ordinal);
        Assert.Contains(supplier.SupplierName, alert.Body, StringComparison.Ordinal);
        Assert.Contains("1,234.50", alert.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task RequisitionApproved_GivesItsAlert(SysproTransport transport, string store)
    {
        await using var database = await StoreDatabase.ForAsync(store);
        await using var harness = await SysproSideHarness.StartAsync(transport, postgresConnectionString: database?.ConnectionString);
        await harness.PollAsync(RulePresets.RequisitionApproved);
        var pending = harness.Simulator.Data.PendingRequisitions().First();

        harness.Simulator.Data.ApproveRequisition(pending.Requisition, pending.Line, "ALEX");
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var poll = await harness.PollAsync(RulePresets.RequisitionApproved);

        Assert.Equal(1, poll.AlertsEnqueued);
        var alert = Assert.Single(await harness.AlertsAsync(RulePresets.RequisitionApproved));
        Assert.Equal("(blank)->R", alert.Transition);
        Assert.Contains($"Requisition {pending.Requisition.Trim()} line {pending.Line} approved", alert.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task SupplierNamedWithApostropheAndNonAscii_ReachesTheTextIntact(SysproTransport transport, string store)
    {
        await using var database = await StoreDatabase.ForAsync(store);
        await using var harness = await SysproSideHarness.StartAsync(transport, postgresConnectionString: database?.ConnectionString);
        await harness.PollAsync(RulePresets.PoSubmitted);
        foreach (var name in SysproData.SpecialSupplierNames)
        {
            var supplier = harness.Simulator.Data.SupplierNamed(name);
            var po = harness.Simulator.Data.CreatePurchaseOrder(supplier.Supplier, "B01", 3, 10.25m);
            harness.Simulator.Data.SubmitPurchaseOrder(po.PurchaseOrder);
        }

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.PollAsync(RulePresets.PoSubmitted);
        var bodies = (await harness.AlertsAsync(RulePresets.PoSubmitted)).Select(a => a.Body).ToList();

        foreach (var name in SysproData.SpecialSupplierNames)
        {
            Assert.Contains(bodies, b => b.Contains(name, StringComparison.Ordinal));
        }
    }
}
