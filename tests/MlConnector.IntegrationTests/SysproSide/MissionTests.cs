using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Requests;
using MlConnector.Simulators.Syspro.Schema;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>The mission's real-world example end to end, over both simulators on one fake clock.</summary>
public sealed class MissionTests
{
    [Theory]
    [InlineData(SysproTransport.OData, "sqlite")]
    [InlineData(SysproTransport.Enet, "sqlite")]
    [InlineData(SysproTransport.OData, "postgres")]
    public async Task PoSubmittedApprovedAndInvoicePosted_EachTextDeliveredWithItsSidInTheAudit(SysproTransport transport, string store)
    {
        await using var database = await StoreDatabase.ForAsync(store);
        await using var harness = await SysproSideHarness.StartAsync(transport, withTwilio: true,
            postgresConnectionString: database?.ConnectionString);
        var data = harness.Simulator.Data;
        foreach (var rule in new[] { RulePresets.PoSubmitted, RulePresets.PoApproved, RulePresets.InvoicePosted })
        {
            await harness.PollAsync(rule);
        }

        var supplier = data.SupplierNamed("O'Brien & Sons");
        var po = data.CreatePurchaseOrder(supplier.Supplier, "B01", 12, 10.50m);
        data.SubmitPurchaseOrder(po.PurchaseOrder);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.PollAsync(RulePresets.PoSubmitted);
        await harness.PollAsync(RulePresets.PoApproved);
        data.ApprovePurchaseOrder(po.PurchaseOrder);
        data.PostSupplierInvoice(supplier.Supplier, "OB-9001", 2500m);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.PollAsync(RulePresets.PoApproved);
        await harness.PollAsync(RulePresets.InvoicePosted);

        var rules = new[] { RulePresets.PoSubmitted, RulePresets.PoApproved, RulePresets.InvoicePosted };
        await harness.DriveUntilAsync(async () =>
        {
            var all = new List<StoredAlert>();
            foreach (var rule in rules)
            {
                all.AddRange(await harness.AlertsAsync(rule));
            }

            return all.Count == 4 && all.All(a => a.State == AlertStates.Delivered);
        });

        var texts = harness.Twilio!.Messages.ToDictionary(m => m.Sid);
        var submitted = await harness.AlertsAsync(RulePresets.PoSubmitted);
        Assert.Equal([SysproSideHarness.Approver, SysproSideHarness.Director], submitted.Select(a => a.Phone).Order());
        var number = po.PurchaseOrder.Trim();
        Assert.All(submitted, a => Assert.Equal(
            $"PO {number} awaits your approval: O'Brien & Sons, 126.00 {po.Currency}, 1 line.", texts[a.MessageSid!].Body));
        var approved = Assert.Single(await harness.AlertsAsync(RulePresets.PoApproved));
        Assert.Equal(SysproSideHarness.Procurement, texts[approved.MessageSid!].To);
        Assert.StartsWith($"PO {number} approved: O'Brien & Sons, 126.00", texts[approved.MessageSid!].Body, StringComparison.Ordinal);
        var invoice = Assert.Single(await harness.AlertsAsync(RulePresets.InvoicePosted));
        Assert.Equal(SysproSideHarness.AccountsPayable, texts[invoice.MessageSid!].To);
        Assert.Contains("Invoice OB-9001 from O'Brien & Sons posted: 2,500.00", texts[invoice.MessageSid!].Body, StringComparison.Ordinal);
        Assert.Equal(4, harness.Twilio.Messages.Count);

        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        foreach (var alert in submitted.Append(approved).Append(invoice))
        {
            var audit = (await connection.QueryAsync<(string Kind, string? Detail)>(
                "SELECT kind, detail FROM audit WHERE alert_id = @Id ORDER BY id", new { alert.Id })).ToList();
            Assert.Equal("detected", audit[0].Kind);
            Assert.Contains(audit, e => e.Kind == "attempt" && e.Detail!.Contains(alert.MessageSid!, StringComparison.Ordinal));
            Assert.Contains(audit, e => e.Kind == "status-callback" && e.Detail!.Contains("delivered", StringComparison.Ordinal));
            Assert.Equal("delivered", alert.DeliveryStatus);
        }
    }

    public static TheoryData<SysproSchemaProfile, SysproTransport> Sites => new()
    {
        { SysproSchemaProfile.Full, SysproTransport.OData },
        { SysproSchemaProfile.Full, SysproTransport.Enet },
        { SysproSchemaProfile.Minimal, SysproTransport.OData },
        { SysproSchemaProfile.Minimal, SysproTransport.Enet },
    };

    private static readonly string[] Presets =
        [RulePresets.PoSubmitted, RulePresets.PoApproved, RulePresets.PoCancelled, RulePresets.RequisitionApproved, RulePresets.InvoicePosted];

    /// <summary>
    /// Every preset texts exactly once per transition per recipient (submit, approve, cancel, resubmit after a return
    /// to status 0, requisition approval, invoice posted) on a full and a minimal site over both transports, while
    /// SYSPRO caps pages without a link, rows leave the working set between the pages of a read, and a record is
    /// missing from one read.
    /// </summary>
    [Theory]
    [MemberData(nameof(Sites))]
    public async Task EveryPreset_EachTransitionTextedOncePerRecipient_ThroughPagingChurnAndAMissingRecord(SysproSchemaProfile schema,
        SysproTransport transport)
    {
        await using var harness = await SysproSideHarness.StartAsync(transport, purchaseOrders: 300,
            simulator: o =>
            {
                o.Schema = schema;
                o.ODataPagesWithoutNextLink = true;
                o.ODataPageSize = 25;
            },
            settings: new Dictionary<string, string?>
            {
                ["Syspro:Enet:PageSize"] = "25",
                ["Rules:po-cancelled:Recipients:Groups:0"] = "procurement",
            });
        var data = harness.Simulator.Data;
        await PollAllAsync(harness);
        var inProcess = data.PurchaseOrdersInStatus("0").Select(p => p.PurchaseOrder).Order(StringComparer.Ordinal).ToList();
        var ready = data.PurchaseOrdersInStatus("1").Select(p => p.PurchaseOrder).Order(StringComparer.Ordinal).ToList();
        var (approved, resubmitted, cancelled) = (inProcess[^1], inProcess[^2], inProcess[^3]);
        var (missingOnce, leaving) = (ready[^1], ready[1]);
        var requisition = data.PendingRequisitions().First();
        var supplier = data.SupplierNamed("O'Brien & Sons");

        // Submissions, a requisition approval and an invoice; a ready order leaves the working set between pages.
        data.SubmitPurchaseOrder(approved);
        data.SubmitPurchaseOrder(resubmitted);
        data.ApproveRequisition(requisition.Requisition, requisition.Line, "ALEX");
        data.PostSupplierInvoice(supplier.Supplier, "MISSION-1", 480m);
        LeaveDuringTheNextRead(harness, leaving);
        await PollAllAsync(harness);

        // Approval, a return to status 0, a cancellation, and an order missing from one read.
        data.ApprovePurchaseOrder(approved);
        data.UpdateRow("PorMasterHdr", [resubmitted], new Dictionary<string, string?> { ["OrderStatus"] = "0" });
        data.CancelPurchaseOrder(cancelled);
        data.UpdateRow("PorMasterHdr", [missingOnce], new Dictionary<string, string?> { ["OrderStatus"] = "9" });
        await PollAllAsync(harness);

        // The missing order is back as it was; the returned one is submitted again.
        data.UpdateRow("PorMasterHdr", [missingOnce], new Dictionary<string, string?> { ["OrderStatus"] = "1" });
        data.SubmitPurchaseOrder(resubmitted);
        await PollAllAsync(harness);
        await PollAllAsync(harness);

        var texts = new List<(string Rule, string Key, string Transition, string Phone)>();
        foreach (var rule in Presets)
        {
            texts.AddRange((await harness.AlertsAsync(rule)).Select(a => (rule, a.SourceKey, a.Transition, a.Phone)));
        }

        (string, string, string, string)[] expected =
        [
            (RulePresets.PoSubmitted, approved, "0->1", SysproSideHarness.Approver),
            (RulePresets.PoSubmitted, approved, "0->1", SysproSideHarness.Director),
            (RulePresets.PoSubmitted, resubmitted, "0->1", SysproSideHarness.Approver),
            (RulePresets.PoSubmitted, resubmitted, "0->1", SysproSideHarness.Director),
            (RulePresets.PoSubmitted, resubmitted, "0->1", SysproSideHarness.Approver),
            (RulePresets.PoSubmitted, resubmitted, "0->1", SysproSideHarness.Director),
            (RulePresets.PoApproved, approved, "1->4", SysproSideHarness.Procurement),
            (RulePresets.PoCancelled, cancelled, "0->*", SysproSideHarness.Procurement),
            (RulePresets.RequisitionApproved, $"{requisition.Requisition}|{requisition.Line}", "(blank)->R", SysproSideHarness.Procurement),
            (RulePresets.InvoicePosted, $"{supplier.Supplier}|MISSION-1", "new", SysproSideHarness.AccountsPayable),
        ];
        Assert.Equal(expected.Order(), texts.Order());
        Assert.True(Assert.Single(harness.Simulator.PagingHooks.State()).Applied, "the order left between two pages of a read");
    }

    private static async Task PollAllAsync(SysproSideHarness harness)
    {
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        foreach (var rule in Presets)
        {
            await harness.PollAsync(rule);
        }
    }

    // After the first page of the next PorMasterHdr read, the order leaves the working set (completed).
    private static void LeaveDuringTheNextRead(SysproSideHarness harness, string purchaseOrder) =>
        harness.Simulator.PagingHooks.Add(new PagingHook("PorMasterHdr", 1, [purchaseOrder],
            new Dictionary<string, string?> { ["OrderStatus"] = "9" }));
}
