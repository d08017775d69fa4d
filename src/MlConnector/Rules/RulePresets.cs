namespace MlConnector.Rules;

/// <summary>
/// The events of specs/syspro.md section 0.1 and of issue 14 (supplier payments, GL journals), ready to switch on by
/// name. SYSPRO 8 has no PO-level approval column, so "submitted for approval" and "approved" are OrderStatus moves;
/// sites with another meaning override the rule.
/// </summary>
public static class RulePresets
{
    public const string PoSubmitted = "po-submitted";
    public const string PoApproved = "po-approved";
    public const string PoCancelled = "po-cancelled";
    public const string RequisitionApproved = "requisition-approved";
    public const string InvoicePosted = "invoice-posted";
    public const string InvoicePostedGl = "invoice-posted-gl";
    public const string SupplierPayment = "supplier-payment";
    public const string GlJournalPosted = "gl-journal-posted";

    /// <summary>A payment run pays many suppliers at once, each a text: a poll may queue this many before it is held.</summary>
    public const int SupplierPaymentHoldAbove = 500;

    private static readonly string[] PoColumns =
        ["Supplier", "Buyer", "Currency", "OrderEntryDate", "OrderDueDate", "Warehouse", "SupplierClass"];

    /// <summary>PorMasterHdr.OrderStatus (specs/syspro.md, section 3): in process, ready to print, printed, complete,
    /// cancelled. Extra SYSPRO 8 codes are not established; a site that has them adds them to the rule's Statuses.</summary>
    public const string PurchaseOrderStatuses = "0,1,4,9,*";

    /// <summary>ReqDetail.ReqnStatus (specs/syspro.md, section 3): blank (in progress), approved, confirmed into a PO,
    /// issued, transferred, cancelled.</summary>
    public const string RequisitionStatuses = "(blank),R,P,I,T,*";

    public static IReadOnlyDictionary<string, RuleOptions> All { get; } = new Dictionary<string, RuleOptions>(StringComparer.OrdinalIgnoreCase)
    {
        [PoSubmitted] = PurchaseOrderRule("A purchase order was submitted for approval (OrderStatus became 1).", "*->1", OpenOrders,
            PresetTexts.PoSubmitted),
        [PoApproved] = PurchaseOrderRule("A purchase order was approved and released (OrderStatus became 4).", "*->4", OpenOrders,
            PresetTexts.PoApproved),
        // Cancelled orders stay in this rule's working set, so a cancellation is seen as a move to '*'.
        [PoCancelled] = PurchaseOrderRule("A purchase order was cancelled (OrderStatus became *).", "*->'*'", "OrderStatus in 0,1,4,*",
            PresetTexts.PoCancelled),
        [RequisitionApproved] = new RuleOptions
        {
            Description = "A requisition line was approved (ReqnStatus became R).",
            Table = "ReqDetail",
            KeyColumns = ["Requisition", "Line"],
            StatusColumn = "ReqnStatus",
            Statuses = RequisitionStatuses,
            Columns = ["StockCode", "StockDescription", "OrderQty", "Price", "Supplier", "Originator", "Buyer", "ApprovedDate"],
            Transitions = ["*->R"],
            Filter = ["ReqnStatus in ,R"],
            Watermark = WatermarkKind.None,
            Enrich = ["Supplier"],
            Template = PresetTexts.RequisitionApproved,
        },
        [InvoicePosted] = new RuleOptions
        {
            Description = "A supplier invoice was posted (a new ApInvoice row with a journal).",
            Table = "ApInvoice",
            KeyColumns = ["Supplier", "Invoice"],
            Columns = ["JournalDate", "Journal", "InvoiceDate", "DueDate", "OrigInvValue", "Currency", "Reference"],
            Transitions = ["new"],
            Filter = ["Journal gt 0"],
            Watermark = WatermarkKind.Date,
            WatermarkColumn = "JournalDate",
            WatermarkOverlap = TimeSpan.FromDays(1),
            Enrich = ["Supplier"],
            Template = PresetTexts.InvoicePosted,
        },
        // Off by default: ApInvoice already reports each posting once; this one is for sites that read the GL instead.
        [InvoicePostedGl] = new RuleOptions
        {
            Enabled = false,
            Description = "A supplier invoice reached the general ledger (GenTransaction rows with Source AP).",
            Table = "GenTransaction",
            KeyColumns = ["GlYear", "GlPeriod", "Journal", "GlLine"],
            Columns = ["SubModSupplier", "SubModApInvoice", "EntryValue", "JnlDate", "GlCode"],
            Transitions = ["new"],
            Filter = ["Source eq AP"],
            Watermark = WatermarkKind.Date,
            WatermarkColumn = "JnlDate",
            WatermarkOverlap = TimeSpan.FromDays(1),
            Template = PresetTexts.InvoicePostedGl,
        },
        // A run is built over days (invoices released, paid, cheques printed); its register, printed last, closes it.
        // Only then are its lines read, all of them, so no text counts part of a supplier's invoices (docs/syspro.md).
        [SupplierPayment] = new RuleOptions
        {
            Description = "A supplier was paid: one text per supplier in a payment run, once the run's payment register is printed (ApPayRunHdr.ChRegister set).",
            Table = "ApPayRunHdr",
            KeyColumns = ["PaymentNumber"],
            Columns = ["PaymentDate"],
            Transitions = ["new"],
            Filter = ["ChRegister gt 0"],
            Watermark = WatermarkKind.None,
            Split = RuleSplits.PaymentSuppliers,
            Enrich = ["Supplier"],
            Template = PresetTexts.SupplierPayment,
            HoldAbove = SupplierPaymentHoldAbove,
        },
        // JnlStatus codes are not established; posting sets PostDate, which may be back-dated, so the posted journals
        // are diffed as a set (a journal texts when it first shows posted), never read by a date watermark. Not
        // suggested by init: every sub-module's journals post too, which is many texts on a busy site.
        [GlJournalPosted] = new RuleOptions
        {
            Enabled = false,
            Description = "A general-ledger journal was posted (GenJournalCtl.PostDate set).",
            Table = "GenJournalCtl",
            KeyColumns = ["GlYear", "GlPeriod", "GlJournal"],
            Columns = ["PostDate", "PostedBy", "DebitAmount", "Reference", "JournalSource"],
            Transitions = ["new"],
            Filter = ["PostDate gt 1900-01-01"],
            Watermark = WatermarkKind.None,
            Template = PresetTexts.GlJournalPosted,
        },
    };

    // The open orders: in process, ready to print, printed.
    private const string OpenOrders = "OrderStatus in 0,1,4";

    private static RuleOptions PurchaseOrderRule(string description, string transition, string workingSet, string template) => new()
    {
        Description = description,
        Table = "PorMasterHdr",
        KeyColumns = ["PurchaseOrder"],
        StatusColumn = "OrderStatus",
        Statuses = PurchaseOrderStatuses,
        Columns = [.. PoColumns],
        Transitions = [transition],
        Filter = [workingSet],
        Watermark = WatermarkKind.None,
        Enrich = ["Supplier", "PoLines", "Buyer"],
        Template = template,
    };
}
