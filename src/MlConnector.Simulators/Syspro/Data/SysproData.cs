namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// The simulated company database: thread-safe in-memory tables, seeded deterministically from a seed and the
/// clock's date, plus the business changes a scenario or a test makes. Every change bumps the database-wide
/// rowversion and stamps the changed rows with it, as SQL Server's <c>rowversion</c> does.
/// </summary>
public sealed partial class SysproData
{
    private readonly Lock _changeLock = new();
    private readonly TimeProvider _time;
    private long _rowVersion;
    private int _nextJournal;
    private int _nextGlLine;
    private int _nextPurchaseOrder;
    private int _nextPaymentRun;
    private int _nextCheque;
    private int _nextEft;
    private int _nextRegister;

    public SysproData(SysproSimulatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        CompanyId = options.CompanyId;
        Keys = SysproKeyFormat.For(options.KeyStyle);
        SeededOn = Today;
        var seeded = SysproDataGenerator.Generate(options.Seed, options.PurchaseOrders, SeededOn, options.CompanyId, Keys);
        foreach (var row in seeded.Buyers) InvBuyer.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.Suppliers) ApSupplier.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.Orders) PorMasterHdr.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.Lines) PorMasterDetail.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.Requisitions) ReqDetail.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.Invoices) ApInvoice.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.GlRows) GenTransaction.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.Payments.Runs) ApPayRunHdr.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.Payments.Lines) ApPayRunDet.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.Payments.Payments) ApInvoicePay.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.Journals.Journals) GenJournalCtl.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.Journals.Lines) GenJournalDetail.Upsert(row with { TimeStamp = NextRowVersion() });
        foreach (var row in seeded.StockItems) InvMaster.Upsert(row);
        _nextPaymentRun = seeded.Payments.Runs.Count;
        _nextCheque = seeded.Payments.LastCheque;
        _nextEft = seeded.Payments.LastEft;
        _nextRegister = seeded.Payments.Runs.Max(r => r.ChRegister);
        _nextJournal = seeded.LastJournal;
        _nextGlLine = seeded.LastGlLine;
        _nextPurchaseOrder = seeded.LastPurchaseOrder;
    }

    public string CompanyId { get; }

    /// <summary>How this site pads PurchaseOrder and Requisition keys, and whether lookups pad a hand-typed key.</summary>
    public SysproKeyFormat Keys { get; }

    /// <summary>The clock's date when the data was generated; seeded dates count back from it.</summary>
    public DateTimeOffset SeededOn { get; }

    /// <summary>Today at midnight UTC on the injected clock: SYSPRO dates are date-only.</summary>
    public DateTimeOffset Today => new(_time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>The highest rowversion handed out so far.</summary>
    public long RowVersion => Interlocked.Read(ref _rowVersion);

    public SysproTable<PorMasterHdr> PorMasterHdr { get; } = new(nameof(PorMasterHdr), r => r.PurchaseOrder);

    public SysproTable<PorMasterDetail> PorMasterDetail { get; } =
        new(nameof(PorMasterDetail), r => SysproKeys.Composite(r.PurchaseOrder, r.Line));

    public SysproTable<ApSupplier> ApSupplier { get; } = new(nameof(ApSupplier), r => r.Supplier);

    public SysproTable<ApInvoice> ApInvoice { get; } =
        new(nameof(ApInvoice), r => SysproKeys.Composite(r.Supplier, r.Invoice));

    public SysproTable<GenTransaction> GenTransaction { get; } =
        new(nameof(GenTransaction), r => SysproKeys.Composite(r.GlYear, r.GlPeriod, r.GlLine));

    public SysproTable<ReqDetail> ReqDetail { get; } =
        new(nameof(ReqDetail), r => SysproKeys.Composite(r.Requisition, r.Line));

    public SysproTable<InvBuyer> InvBuyer { get; } = new(nameof(InvBuyer), r => r.Buyer);

    public SysproTable<ApPayRunHdr> ApPayRunHdr { get; } = new(nameof(ApPayRunHdr), r => r.PaymentNumber);

    public SysproTable<ApPayRunDet> ApPayRunDet { get; } =
        new(nameof(ApPayRunDet), r => SysproKeys.Composite(r.PaymentNumber, r.Supplier, r.Invoice));

    public SysproTable<ApInvoicePay> ApInvoicePay { get; } =
        new(nameof(ApInvoicePay), r => SysproKeys.Composite(r.Supplier, r.Invoice, r.EntryNumber));

    public SysproTable<GenJournalCtl> GenJournalCtl { get; } =
        new(nameof(GenJournalCtl), r => SysproKeys.Composite(r.GlYear, r.GlPeriod, r.GlJournal));

    public SysproTable<GenJournalDetail> GenJournalDetail { get; } =
        new(nameof(GenJournalDetail), r => SysproKeys.Composite(r.GlYear, r.GlPeriod, r.Journal, r.EntryNumber));

    /// <summary>Stock items, untyped (e.net only): the columns follow SYSPRO's InvMaster.</summary>
    public SysproTable<InvMasterRow> InvMaster { get; } = new(nameof(InvMaster), r => r.StockCode);

    private long NextRowVersion() => Interlocked.Increment(ref _rowVersion);
}
