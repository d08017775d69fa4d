using System.Globalization;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>
/// What the supplier-payment and gl-journal-posted tests share: their rules switched on for accounts payable, and
/// SYSPRO's side of a payment run and a journal as AP and GL staff make them, step by step, with the texts each
/// should give.
/// </summary>
internal static class LedgerPresetHarness
{
    public static readonly string[] RuleIds = [RulePresets.SupplierPayment, RulePresets.GlJournalPosted];

    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(more ?? [], StringComparer.OrdinalIgnoreCase)
        {
            [$"Rules:{RulePresets.SupplierPayment}:Recipients:Groups:0"] = "accounts-payable",
            [$"Rules:{RulePresets.GlJournalPosted}:Recipients:Groups:0"] = "accounts-payable",
        };
        return settings;
    }

    public static Task<SysproSideHarness> StartAsync(SysproTransport transport, string? postgres = null, SysproSideHarness? sharing = null,
        Dictionary<string, string?>? settings = null) =>
        SysproSideHarness.StartAsync(transport, purchaseOrders: 300, settings: Settings(settings), postgresConnectionString: postgres,
            sharing: sharing);

    public static async Task PollAsync(SysproSideHarness harness)
    {
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        foreach (var rule in RuleIds)
        {
            await harness.PollAsync(rule);
        }
    }

    /// <summary>Fresh invoices, <paramref name="counts"/>[i] of the i-th USD supplier, posted today.</summary>
    public static List<ApInvoice> PostInvoices(SysproData data, string prefix, params int[] counts)
    {
        var suppliers = data.ApSupplier.Snapshot().Where(s => s.Currency == "USD").OrderBy(s => s.Supplier, StringComparer.Ordinal).Take(counts.Length).ToList();
        var invoices = new List<ApInvoice>();
        for (var s = 0; s < counts.Length; s++)
        {
            for (var i = 1; i <= counts[s]; i++)
            {
                var amount = 100m * (s + 1) + i + 0.25m;
                invoices.Add(data.PostSupplierInvoice(suppliers[s].Supplier, $"{prefix}-{s}-{i}", amount).Invoice);
            }
        }

        return invoices;
    }

    /// <summary>The text a supplier of a completed run should get (the site's defaults: ISO dates, 1,234.56 USD).</summary>
    public static string PaymentText(SysproData data, PaymentRun run, string supplier)
    {
        var lines = run.Lines.Where(l => l.Supplier == supplier).ToList();
        var name = data.ApSupplier.Find(supplier)!.SupplierName.Trim();
        var count = lines.Count == 1 ? "1 invoice" : $"{lines.Count} invoices";
        var date = run.Header.PaymentDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"{name} was paid {lines.Sum(l => l.NetPayValue).ToString("N2", CultureInfo.InvariantCulture)} USD for {count} on {date}, " +
            $"reference {lines[0].Cheque} (payment run {run.Header.PaymentNumber}).";
    }

    /// <summary>The text of a posted journal (the GL's amounts in the site's currency: none is set here).</summary>
    public static string JournalText(GenJournalCtl journal) =>
        $"GL journal {journal.GlJournal} of period {journal.GlYear}/{journal.GlPeriod} posted by {journal.PostedBy} on " +
        $"{journal.PostDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: " +
        $"{journal.DebitAmount.ToString("N2", CultureInfo.InvariantCulture)}, reference {journal.Reference}.";

    public static GlJournal EnterJournal(SysproData data, string reference, decimal amount) =>
        data.EnterJournal(reference, "Accrual", [new JournalLine("5100-000", "D", amount), new JournalLine("2400-000", "C", amount)], "GLCLERK");

    public static GlJournal Post(SysproData data, GlJournal journal) =>
        data.PostJournal(journal.Header.GlYear, journal.Header.GlPeriod, journal.Header.GlJournal, "CONTROLLER");

    public static string KeyOf(GenJournalCtl journal) =>
        string.Create(CultureInfo.InvariantCulture, $"{journal.GlYear}|{journal.GlPeriod}|{journal.GlJournal}");
}
