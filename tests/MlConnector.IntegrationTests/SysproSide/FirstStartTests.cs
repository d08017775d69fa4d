using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>First start, backfill and the watermark's overlap agree (issue 12, seen 6).</summary>
public sealed class FirstStartTests
{
    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task InvoicePosted_FirstStartWithInvoicesFromThePastWeek_TextsNothingThenANewInvoiceOnce(SysproTransport transport)
    {
        await using var harness = await SysproSideHarness.StartAsync(transport, purchaseOrders: 300);
        var data = harness.Simulator.Data;
        var supplier = data.SupplierNamed(SysproData.SpecialSupplierNames[0]);
        for (var days = 1; days <= 7; days++)
        {
            // Invoices posted in the past week, one a day (the seeded ones are a year's, sparse at this size).
            var invoice = $"INV-PAST-{days}";
            data.PostSupplierInvoice(supplier.Supplier, invoice, 10m * days);
            var date = data.Today.AddDays(-days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            data.UpdateRow("ApInvoice", [supplier.Supplier, invoice], new Dictionary<string, string?> { ["JournalDate"] = date });
        }

        var polls = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            polls.Add((await harness.PollAsync(RulePresets.InvoicePosted)).AlertsEnqueued);
            harness.Time.Advance(TimeSpan.FromMinutes(5));
        }

        harness.Time.Advance(TimeSpan.FromDays(1));
        polls.Add((await harness.PollAsync(RulePresets.InvoicePosted)).AlertsEnqueued);
        Assert.All(polls, p => Assert.Equal(0, p));

        data.PostSupplierInvoice(supplier.Supplier, "INV-NEW-1", 99.5m);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.PollAsync(RulePresets.InvoicePosted);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.PollAsync(RulePresets.InvoicePosted);

        var alert = Assert.Single(await harness.AlertsAsync(RulePresets.InvoicePosted));
        Assert.Contains("INV-NEW-1", alert.Body, StringComparison.Ordinal);
    }
}
