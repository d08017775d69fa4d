using MlConnector.Rules;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>The SYSPRO-side pipeline on a real PostgreSQL server (MLC_TEST_POSTGRES).</summary>
public sealed class PostgresPipelineTests
{
    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task PoSubmittedAndInvoicePosted_OnPostgres_AlertOnceEach(SysproTransport transport)
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var harness = await SysproSideHarness.StartAsync(transport, postgresConnectionString: database.ConnectionString);
        await harness.PollAsync(RulePresets.PoSubmitted);
        await harness.PollAsync(RulePresets.InvoicePosted);
        var po = harness.Simulator.Data.PurchaseOrdersInStatus("0").First();
        harness.Simulator.Data.SubmitPurchaseOrder(po.PurchaseOrder);
        harness.Simulator.Data.PostSupplierInvoice(harness.Simulator.Data.SupplierNamed("O'Brien & Sons").Supplier, "INV-PG-1", 99.95m);
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        await harness.PollAsync(RulePresets.PoSubmitted);
        await harness.PollAsync(RulePresets.InvoicePosted);
        harness.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await harness.PollAsync(RulePresets.PoSubmitted)).AlertsEnqueued);
        Assert.Equal(0, (await harness.PollAsync(RulePresets.InvoicePosted)).AlertsEnqueued);

        Assert.Equal(2, (await harness.AlertsAsync(RulePresets.PoSubmitted)).Count);
        var invoice = Assert.Single(await harness.AlertsAsync(RulePresets.InvoicePosted));
        Assert.Contains("O'Brien & Sons", invoice.Body, StringComparison.Ordinal);
    }
}
