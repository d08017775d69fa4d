using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>Payment runs and GL journals through the control API, read back over OData and COMFND.</summary>
public sealed class SysproLedgerTests
{
    [Fact]
    public async Task PaymentRun_BuiltOverSteps_ShowsCompleteOnlyAfterItsLastStepOnBothTransports()
    {
        await using var sim = await SysproTestSimulator.StartAsync();
        var invoices = sim.Simulator.Data.ApInvoice.Snapshot().Where(i => i.Currency == "USD").Take(3).ToList();
        var since = sim.Simulator.Data.RowVersion;

        var run = await sim.ControlAsync<ApPayRunHdr>(HttpMethod.Post, "payment-runs", new { bank = "CHQ1" });
        foreach (var invoice in invoices)
        {
            await sim.ControlAsync<ApPayRunDet>(HttpMethod.Post, $"payment-runs/{run.PaymentNumber}/invoices",
                new { supplier = invoice.Supplier, invoice = invoice.Invoice });
            Assert.Empty(await CompletedSinceAsync(sim, since));
        }

        var paid = await sim.ControlAsync<PaymentRun>(HttpMethod.Post, $"payment-runs/{run.PaymentNumber}/complete", new { firstReference = "700001" });
        Assert.Equal([run.PaymentNumber], await CompletedSinceAsync(sim, since));
        Assert.Empty(await CompletedSinceAsync(sim, paid.Header.TimeStamp));

        var xml = await sim.ComfndAsync(EnetTestClient.Comfnd("ApPayRunDet", ["Supplier", "Invoice", "Cheque", "ChequeDate", "NetPayValue"],
            [("PaymentNumber", "EQ", run.PaymentNumber)], orderBy: "Supplier"));
        var rows = XDocument.Parse(xml).Root!.Elements("Row").ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("7000", r.Element("Cheque")!.Value, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal("2025-03-14", r.Element("ChequeDate")!.Value));

        var (status, _, pays) = await sim.ODataAsync("ApInvoicePay?$filter=" + Uri.EscapeDataString($"PaymentNumber eq '{run.PaymentNumber}'"));
        Assert.Equal(200, status);
        Assert.Equal(3, JsonDocument.Parse(pays).RootElement.GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task Journal_EnteredThenPosted_IsSeenPostedOverODataAndComfnd()
    {
        await using var sim = await SysproTestSimulator.StartAsync();
        var since = sim.Simulator.Data.RowVersion;
        var entered = await sim.ControlAsync<GlJournal>(HttpMethod.Post, "journals", new
        {
            reference = "ACCR-900",
            notation = "Freight accrual",
            lines = new[] { new JournalLine("5100-000", "D", 125.50m), new JournalLine("2400-000", "C", 125.50m) },
        });
        Assert.Empty(await PostedSinceAsync(sim, since));

        var h = entered.Header;
        await sim.ControlAsync<GlJournal>(HttpMethod.Post, $"journals/{h.GlYear}/{h.GlPeriod}/{h.GlJournal}/post", new { postedBy = "CONTROLLER" });
        Assert.Equal([h.GlJournal], await PostedSinceAsync(sim, since));

        var xml = await sim.ComfndAsync(EnetTestClient.Comfnd("GenJournalCtl", ["GlJournal", "PostDate", "PostedBy", "DebitAmount"],
            [("GlYear", "EQ", h.GlYear.ToString(CultureInfo.InvariantCulture)), ("GlPeriod", "EQ", h.GlPeriod.ToString(CultureInfo.InvariantCulture)),
             ("GlJournal", "EQ", h.GlJournal.ToString(CultureInfo.InvariantCulture))]));
        var row = Assert.Single(XDocument.Parse(xml).Root!.Elements("Row"));
        Assert.Equal(("2025-03-14", "CONTROLLER", "         125.50"), (row.Element("PostDate")!.Value, row.Element("PostedBy")!.Value, row.Element("DebitAmount")!.Value));
    }

    [Fact]
    public async Task Metadata_LedgerTables_AreEntitySetsWithRowversion()
    {
        await using var sim = await SysproTestSimulator.StartAsync();
        var xml = (await sim.ODataAsync("$metadata")).Body;
        foreach (var set in new[] { "ApPayRunHdr", "ApPayRunDet", "ApInvoicePay", "GenJournalCtl", "GenJournalDetail" })
        {
            Assert.Contains($"<EntitySet Name=\"{set}\"", xml, StringComparison.Ordinal);
        }

        Assert.NotEmpty(sim.Simulator.Data.ApPayRunHdr.Snapshot());
    }

    private static async Task<List<string>> CompletedSinceAsync(SysproTestSimulator sim, long since) =>
        await ValuesAsync(sim, "ApPayRunHdr?$filter=" + Uri.EscapeDataString($"ChRegister gt 0 and TimeStamp gt {since}"), r => r.GetProperty("PaymentNumber").GetString()!);

    private static async Task<List<int>> PostedSinceAsync(SysproTestSimulator sim, long since) =>
        await ValuesAsync(sim, "GenJournalCtl?$filter=" + Uri.EscapeDataString($"PostDate ne null and TimeStamp gt {since}"), r => r.GetProperty("GlJournal").GetInt32());

    private static async Task<List<T>> ValuesAsync<T>(SysproTestSimulator sim, string relative, Func<JsonElement, T> value)
    {
        var (status, _, body) = await sim.ODataAsync(relative);
        Assert.True(status == 200, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray().Select(value)];
    }
}
