using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Rules;
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
}
