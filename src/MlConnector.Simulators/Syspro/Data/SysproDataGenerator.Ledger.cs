using System.Globalization;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>Requisitions, posted supplier invoices and general-ledger rows.</summary>
internal static partial class SysproDataGenerator
{
    public const string ApControlGlCode = "2100-000";
    public const string ExpenseGlCode = "5100-000";

    private static readonly string[] OtherSources = ["IN", "GR", "AR", "SA", "PE"];

    /// <summary>A posted invoice row; also used by <see cref="SysproData.PostSupplierInvoice"/>.</summary>
    public static ApInvoice Invoice(
        ApSupplier supplier, string invoice, decimal amount, string reference, DateTimeOffset date, int journal) => new()
    {
        Supplier = supplier.Supplier,
        Invoice = invoice,
        Journal = journal,
        JournalDate = date,
        Branch = supplier.Branch,
        InvoiceDate = date,
        DueDate = date.AddDays(supplier.TermsCode == "60" ? 60 : 30),
        Reference = reference,
        OrigInvValue = amount,
        MthInvBal1 = amount,
        InvoiceStatus = " ",
        Currency = supplier.Currency,
        PostCurrency = supplier.Currency,
        InvoiceYear = date.Year,
        InvoiceMonth = date.Month,
        EntryNumber = journal,
    };

    /// <summary>The two GL rows of an AP posting: expense debit (+) and AP control credit (-).</summary>
    public static GenTransaction[] ApGlRows(ApInvoice invoice, string company, int debitLine, int creditLine)
    {
        var date = invoice.JournalDate ?? throw new ArgumentException("The invoice is not posted.", nameof(invoice));
        var row = new GenTransaction
        {
            Company = company,
            GlYear = date.Year,
            GlPeriod = date.Month,
            Source = "AP",
            Journal = invoice.Journal,
            JnlDate = date,
            TransactionDate = date,
            Reference = invoice.Invoice,
            Comment = $"AP invoice {invoice.Invoice}",
            SubModJournal = invoice.Journal,
            SubModApInvoice = invoice.Invoice,
            SubModSupplier = invoice.Supplier,
        };
        return
        [
            row with { GlLine = debitLine, GlCode = ExpenseGlCode, EntryValue = invoice.OrigInvValue },
            row with { GlLine = creditLine, GlCode = ApControlGlCode, EntryValue = -invoice.OrigInvValue },
        ];
    }

    private static List<ReqDetail> Requisitions(
        SysproKeyFormat keys, Random random, int count, DateTimeOffset today, List<ApSupplier> suppliers,
        List<InvBuyer> buyers, List<StockItem> stock)
    {
        var rows = new List<ReqDetail>(count * 2);
        for (var i = 0; i < count; i++)
        {
            var raised = today.AddDays(-(count - 1 - i) * 120 / count);
            var share = (double)i / count;
            var status = share < 0.6 ? "P" : share < 0.75 ? "R" : share < 0.8 ? "*" : " ";
            var originator = buyers[random.Next(buyers.Count)].Buyer;
            var approved = status is "P" or "R" ? raised.AddDays(random.Next(3)) : (DateTimeOffset?)null;
            var lines = 1 + random.Next(2);
            for (var line = 1; line <= lines; line++)
            {
                var item = stock[random.Next(stock.Count)];
                rows.Add(new ReqDetail
                {
                    Requisition = keys.Requisition(i + 1),
                    Line = line,
                    StockCode = item.Code,
                    StockDescription = item.Description,
                    OrderQty = 1 + random.Next(100),
                    DueDate = raised.AddDays(14),
                    Price = item.Price,
                    GlCode = "1400-000",
                    Supplier = suppliers[random.Next(suppliers.Count)].Supplier,
                    Originator = originator,
                    Buyer = buyers[random.Next(buyers.Count)].Buyer,
                    Operator = originator,
                    CurrentHolder = status == " " ? "APPROVER" : originator,
                    ReqnStatus = status,
                    ApprovedDate = approved,
                    DateReqnRaised = raised,
                    DatePoConfirmed = status == "P" ? approved?.AddDays(1) : null,
                });
            }
        }

        return rows;
    }

    private static (List<ApInvoice> Invoices, int LastJournal) Invoices(
        Random random, int count, DateTimeOffset today, List<ApSupplier> suppliers)
    {
        var invoices = new List<ApInvoice>(count);
        var journal = 0;
        for (var i = 0; i < count; i++)
        {
            var supplier = suppliers[random.Next(suppliers.Count)];
            var date = today.AddDays(-(count - 1 - i) * 365 / count - 1);
            var number = $"{supplier.Supplier[..3]}-{(i + 1).ToString("00000", CultureInfo.InvariantCulture)}";
            var amount = random.Next(5_000, 2_500_000) / 100m;
            invoices.Add(Invoice(supplier, number, amount, $"PO {random.Next(100_000, 120_000)}", date, ++journal));
        }

        return (invoices, journal);
    }

    private static (List<GenTransaction> Rows, int LastGlLine) GlRows(
        Random random, List<ApInvoice> invoices, string company)
    {
        var rows = new List<GenTransaction>(invoices.Count * 3);
        var line = 0;
        foreach (var invoice in invoices)
        {
            rows.AddRange(ApGlRows(invoice, company, line + 1, line + 2));
            line += 2;
            if (random.Next(2) == 0)
            {
                var date = invoice.JournalDate!.Value;
                var source = OtherSources[random.Next(OtherSources.Length)];
                rows.Add(new GenTransaction
                {
                    Company = company,
                    GlCode = source == "AR" ? "1200-000" : "1400-000",
                    GlYear = date.Year,
                    GlPeriod = date.Month,
                    GlLine = ++line,
                    Source = source,
                    Journal = random.Next(1, 5000),
                    JnlDate = date,
                    TransactionDate = date,
                    Reference = $"{source}{random.Next(10_000, 99_999)}",
                    EntryValue = random.Next(-100_000, 100_000) / 100m,
                    Comment = source == "PE" ? "Period end" : "Sub-ledger posting",
                });
            }
        }

        return (rows, line);
    }
}
