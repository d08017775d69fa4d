using System.Globalization;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// Supplier payment runs and GL journals, generated after every other table so the rows seeded before them do not
/// change. Seeded payments do not lower the seeded invoices' balances (those rows stay as they were); payments
/// made through <see cref="SysproData.CompletePaymentRun"/> do.
/// </summary>
internal static partial class SysproDataGenerator
{
    public const int FirstPaymentJournal = 900_000;
    public const int FirstCheque = 100_000;
    private const int SeededRuns = 26;
    private const int SeededJournals = 40;
    private static readonly string[] ExpenseCodes = ["5100-000", "5200-000", "6100-000", "6300-000", "7400-000"];

    public static string PaymentNumber(int number) => number.ToString("000000", CultureInfo.InvariantCulture);

    public static string Eft(int number) => "EFT" + number.ToString("000000", CultureInfo.InvariantCulture);

    private static PaymentHistory Payments(Random random, List<ApInvoice> invoices, List<ApSupplier> suppliers, DateTimeOffset today)
    {
        var history = new PaymentHistory();
        var names = suppliers.ToDictionary(s => s.Supplier, s => s.SupplierName, StringComparer.Ordinal);
        var unpaid = new Queue<ApInvoice>(invoices.Where(i => i.Currency == "USD"));
        var run = 0;
        for (var step = 1; step <= SeededRuns; step++)
        {
            var date = today.AddDays(-14 * (SeededRuns - step) - 7);
            var open = step == SeededRuns;
            var released = new List<ApInvoice>();
            var size = open ? 3 : 4 + random.Next(9);
            while (released.Count < size && unpaid.TryPeek(out var next) && next.JournalDate <= date)
            {
                released.Add(unpaid.Dequeue());
            }

            if (released.Count == 0)
            {
                continue; // nothing was due: no run that fortnight
            }

            var eft = ++run % 3 == 0;
            var number = PaymentNumber(run);

            history.Runs.Add(new ApPayRunHdr
            {
                PaymentNumber = number,
                Bank = eft ? "EFT1" : "CHQ1",
                PaymentDate = date,
                PayYear = date.Year,
                PayMonth = date.Month,
                Operator = "APCLERK",
                ChRegister = open ? 0 : run,
            });
            foreach (var group in released.GroupBy(i => i.Supplier).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var reference = open ? "" : eft ? Eft(++history.LastEft) : (++history.LastCheque).ToString(CultureInfo.InvariantCulture);
                foreach (var invoice in group)
                {
                    history.Lines.Add(Line(number, invoice, names[invoice.Supplier], invoice.OrigInvValue) with
                    {
                        Cheque = reference,
                        ChequeDate = open ? null : date,
                        ChRegister = open ? 0 : run,
                    });
                    if (!open)
                    {
                        history.Payments.Add(Payment(invoice, 1, number, reference, invoice.OrigInvValue, date, FirstPaymentJournal + run));
                    }
                }
            }
        }

        return history;
    }

    /// <summary>A released invoice, not yet paid: no cheque, no date, no register.</summary>
    public static ApPayRunDet Line(string paymentNumber, ApInvoice invoice, string supplierName, decimal amount) => new()
    {
        PaymentNumber = paymentNumber,
        Supplier = invoice.Supplier,
        Invoice = invoice.Invoice,
        InvoiceDate = invoice.InvoiceDate,
        DueDate = invoice.DueDate,
        NetPayValue = amount,
        PostValue = amount,
        PostCurrency = invoice.PostCurrency,
        SupplierName = supplierName,
    };

    public static ApInvoicePay Payment(
        ApInvoice invoice, int entry, string paymentNumber, string reference, decimal amount, DateTimeOffset date, int journal) => new()
    {
        Supplier = invoice.Supplier,
        Invoice = invoice.Invoice,
        EntryNumber = entry,
        JournalDate = date,
        Journal = journal,
        PaymentReference = reference,
        TrnValue = -amount,
        TrnYear = date.Year,
        TrnMonth = date.Month,
        PostValue = -amount,
        PostCurrency = invoice.PostCurrency,
        PaymentNumber = paymentNumber,
        SummaryEntryNumber = entry,
    };

    private static JournalHistory Journals(Random random, DateTimeOffset today, string company)
    {
        var history = new JournalHistory();
        for (var i = 1; i <= SeededJournals; i++)
        {
            var date = today.AddDays(-7 * (SeededJournals - i) - 2);
            var posted = i <= SeededJournals - 2;
            var lines = Enumerable.Range(0, 1 + random.Next(3))
                .Select(_ => new JournalLine(ExpenseCodes[random.Next(ExpenseCodes.Length)], "D", random.Next(10_000, 500_000) / 100m))
                .ToList();
            lines.Add(new JournalLine("2400-000", "C", lines.Sum(l => l.Amount)));
            var number = history.Journals.Count(j => j.GlYear == date.Year && j.GlPeriod == date.Month) + 1;
            var (header, details) = Journal(date, number, $"ACCR-{i:000}", "Accruals", lines, "GLCLERK", company);
            history.Journals.Add(posted ? Posted(header, date, "GLCLERK") : header);
            history.Lines.AddRange(details.Select(d => posted ? d with { EntryPosted = "Y" } : d));
        }

        return history;
    }

    public static (GenJournalCtl Header, List<GenJournalDetail> Lines) Journal(
        DateTimeOffset date, int number, string reference, string notation, IReadOnlyList<JournalLine> lines, string entryOperator, string company)
    {
        var header = new GenJournalCtl
        {
            GlYear = date.Year,
            GlPeriod = date.Month,
            GlJournal = number,
            JournalDate = date,
            NumOfEntries = lines.Count,
            DebitAmount = lines.Where(l => l.Type == "D").Sum(l => l.Amount),
            CreditAmount = lines.Where(l => l.Type == "C").Sum(l => l.Amount),
            Operator = entryOperator,
            Reference = reference,
            Notation = notation,
        };
        var details = lines.Select((l, i) => new GenJournalDetail
        {
            GlYear = date.Year,
            GlPeriod = date.Month,
            Journal = number,
            EntryNumber = i + 1,
            EntryType = l.Type,
            GlCode = l.GlCode,
            EntryValue = l.Amount,
            Reference = reference,
            Comment = notation,
            EntryDate = date,
            TransactionDate = date,
            Company = company,
        }).ToList();
        return (header, details);
    }

    public static GenJournalCtl Posted(GenJournalCtl header, DateTimeOffset date, string postedBy) =>
        header with { PostDate = date, PostedBy = postedBy, Authorised = "Y", AuthorisedBy = postedBy, JnlPrintFlag = "Y" };

    internal sealed class PaymentHistory
    {
        public List<ApPayRunHdr> Runs { get; } = [];

        public List<ApPayRunDet> Lines { get; } = [];

        public List<ApInvoicePay> Payments { get; } = [];

        public int LastCheque { get; set; } = FirstCheque;

        public int LastEft { get; set; }
    }

    internal sealed class JournalHistory
    {
        public List<GenJournalCtl> Journals { get; } = [];

        public List<GenJournalDetail> Lines { get; } = [];
    }
}

/// <summary>One line of a journal to enter: a GL code, D or C, and an unsigned amount.</summary>
public sealed record JournalLine(string GlCode, string Type, decimal Amount);
