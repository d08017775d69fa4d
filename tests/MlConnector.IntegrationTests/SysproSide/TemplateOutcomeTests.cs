using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

public sealed class TemplateOutcomeTests
{
    [Fact]
    public async Task RenderError_FailsThatAlertWithTheReason_AndOtherRulesCarryOn()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: new Dictionary<string, string?>
        {
            // Every field exists (a field nobody could provide now stops start-up), but this record renders nothing.
            ["Rules:po-submitted:Template"] = "{% if PurchaseOrder == \"none\" %}{{ PurchaseOrder }}{% endif %}",
        });
        await harness.PollAsync(RulePresets.PoSubmitted);
        await harness.PollAsync(RulePresets.InvoicePosted);
        harness.Simulator.Data.SubmitPurchaseOrder(harness.Simulator.Data.PurchaseOrdersInStatus("0").First().PurchaseOrder);
        harness.Simulator.Data.PostSupplierInvoice(harness.Simulator.Data.SupplierNamed("Café Société").Supplier, "INV-1", 10m);
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        var poll = await harness.PollAsync(RulePresets.PoSubmitted);
        await harness.PollAsync(RulePresets.InvoicePosted);

        Assert.Null(poll.Error);
        var failed = await harness.AlertsAsync(RulePresets.PoSubmitted);
        Assert.Equal(2, failed.Count);
        Assert.All(failed, a => Assert.Equal(AlertStates.Failed, a.State));
        Assert.Equal(AlertStates.Pending, Assert.Single(await harness.AlertsAsync(RulePresets.InvoicePosted)).State);
        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        var reasons = await connection.QueryAsync<string>(
            "SELECT a.error_message FROM alerts a WHERE a.rule_id = 'po-submitted'");
        Assert.All(reasons, r => Assert.StartsWith("Rules:po-submitted:Template: the template rendered an empty text", r, StringComparison.Ordinal));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit WHERE kind = 'render-failed'"));
    }

    [Fact]
    public async Task LongText_IsTruncatedWithAMarkerAndAnAuditNote()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: new Dictionary<string, string?>
        {
            ["Rules:po-submitted:Template"] = "{% for i in (1..200) %}PO {{ PurchaseOrder }} needs approval. {% endfor %}",
        });
        await harness.PollAsync(RulePresets.PoSubmitted);
        harness.Simulator.Data.SubmitPurchaseOrder(harness.Simulator.Data.PurchaseOrdersInStatus("0").First().PurchaseOrder);
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        await harness.PollAsync(RulePresets.PoSubmitted);

        var alerts = await harness.AlertsAsync(RulePresets.PoSubmitted);
        Assert.All(alerts, a =>
        {
            Assert.Equal(1600, a.Body.Length);
            Assert.EndsWith("[truncated]", a.Body, StringComparison.Ordinal);
        });
        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(alerts.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit WHERE kind = 'truncated'"));
        var segments = await connection.QueryAsync<long>("SELECT segments FROM alerts WHERE rule_id = 'po-submitted'");
        Assert.All(segments, s => Assert.Equal(11, s));
    }
}
