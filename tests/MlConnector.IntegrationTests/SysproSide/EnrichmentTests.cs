using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Schema;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>Enrichment never blocks a text (issue 12, seen 3).</summary>
public sealed class EnrichmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The PO columns a minimal site has (no Warehouse, no SupplierClass), so only the missing InvBuyer is in the way.
    private static Dictionary<string, string?> MinimalPoColumns(string? template = null)
    {
        var settings = new Dictionary<string, string?>();
        string[] columns = ["Supplier", "Buyer", "Currency", "OrderEntryDate", "OrderDueDate"];
        for (var i = 0; i < columns.Length; i++)
        {
            settings[$"Rules:po-submitted:Columns:{i}"] = columns[i];
        }

        if (template is not null)
        {
            settings["Rules:po-submitted:Template"] = template;
        }

        return settings;
    }

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task PoSubmitted_NoInvBuyerAndATemplateWithoutTheBuyer_TextsAsUsual(SysproTransport transport)
    {
        await using var harness = await SysproSideHarness.StartAsync(transport, o => o.Schema = SysproSchemaProfile.Minimal,
            settings: MinimalPoColumns(), purchaseOrders: 300);
        var data = harness.Simulator.Data;
        await harness.PollAsync(RulePresets.PoSubmitted);
        var po = data.PurchaseOrdersInStatus("0").First(p => p.Buyer.Trim().Length > 0);

        data.SubmitPurchaseOrder(po.PurchaseOrder);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.PollAsync(RulePresets.PoSubmitted);

        var alerts = await harness.AlertsAsync(RulePresets.PoSubmitted);
        Assert.Equal(2, alerts.Count);
        var supplier = data.FindSupplier(po.Supplier)!;
        Assert.All(alerts, a => Assert.Contains(supplier.SupplierName, a.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PoSubmitted_TemplateWantsTheBuyerButInvBuyerIsMissing_TextGoesOutWithANoteAndOneWarning()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, o => o.Schema = SysproSchemaProfile.Minimal,
            settings: MinimalPoColumns("PO {{ PurchaseOrder }} for {{ Currency }}, buyer {{ BuyerName }}."), purchaseOrders: 300,
            captureLogs: true);
        var data = harness.Simulator.Data;
        await harness.PollAsync(RulePresets.PoSubmitted);
        var open = data.PurchaseOrdersInStatus("0").Where(p => p.Buyer.Trim().Length > 0).Take(2).ToList();

        foreach (var po in open)
        {
            data.SubmitPurchaseOrder(po.PurchaseOrder);
            harness.Time.Advance(TimeSpan.FromMinutes(5));
            await harness.PollAsync(RulePresets.PoSubmitted);
        }

        var alerts = await harness.AlertsAsync(RulePresets.PoSubmitted);
        Assert.Equal(4, alerts.Count);
        Assert.All(alerts, a => Assert.EndsWith(", buyer .", a.Body, StringComparison.Ordinal));
        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(Ct);
        var notes = (await connection.QueryAsync<string>(
            "SELECT detail FROM audit WHERE kind = 'enrichment-failed' AND alert_id IN @ids", new { ids = alerts.Select(a => a.Id) })).ToList();
        Assert.Equal(4, notes.Count);
        Assert.All(notes, n => Assert.Contains("InvBuyer", n, StringComparison.Ordinal));
        Assert.Single(harness.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("InvBuyer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PoSubmitted_TemplateUsesNoLookedUpField_NoLookupIsMade()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, purchaseOrders: 300,
            settings: new Dictionary<string, string?> { ["Rules:po-submitted:Template"] = "PO {{ PurchaseOrder }} awaits approval ({{ Currency }})." });
        var data = harness.Simulator.Data;
        await harness.PollAsync(RulePresets.PoSubmitted);
        data.SubmitPurchaseOrder(data.PurchaseOrdersInStatus("0").First().PurchaseOrder);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        harness.Simulator.Requests.Reset();

        await harness.PollAsync(RulePresets.PoSubmitted);

        Assert.Equal(2, (await harness.AlertsAsync(RulePresets.PoSubmitted)).Count);
        var odata = harness.Simulator.Requests.Snapshot().OData;
        Assert.Equal(0, odata.Of("ApSupplier").Requests + odata.Of("PorMasterDetail").Requests + odata.Of("InvBuyer").Requests);
    }
}
