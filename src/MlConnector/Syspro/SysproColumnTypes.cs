namespace MlConnector.Syspro;

/// <summary>What a SYSPRO column holds, as far as reading its text is concerned.</summary>
public enum SysproColumnKind
{
    /// <summary>Not in the catalogue: read as given, numbers unpadded, no check.</summary>
    Unknown,

    /// <summary>char/varchar: verbatim, padding kept (keys are fixed-width strings).</summary>
    Text,

    /// <summary>decimal/int: must read as a number.</summary>
    Number,

    /// <summary>datetime, date-only in SYSPRO: yyyy-MM-dd, or empty / 0000-00-00 for none.</summary>
    Date,

    /// <summary>A rowversion (<c>TimeStamp</c>, SQL <c>timestamp</c>): a number, 0x hex or base64 (<see cref="RowVersion"/>).</summary>
    RowVersion,
}

/// <summary>
/// The types e.net's answers are checked against, since COMFND carries no types (OData's come from <c>$metadata</c>).
/// The columns the presets and enrichments read, typed from specs/syspro.md (S8's inspectdb of a live database, S7's
/// reports); a column not listed here is read without a check. Keys that are text stay text however they look
/// (<c>' 00001'</c> is a key, not the number 1).
/// </summary>
public static class SysproColumnTypes
{
    private static readonly Dictionary<string, Dictionary<string, SysproColumnKind>> Tables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PorMasterHdr"] = Columns(
            text: ["PurchaseOrder", "OrderStatus", "Supplier", "Buyer", "Currency", "Warehouse", "SupplierClass", "OrderType",
                "ActiveFlag", "CancelledFlag", "CustomerPoNumber"],
            number: ["ExchangeRate", "PrintCount", "AmendedCount"],
            date: ["OrderEntryDate", "OrderDueDate", "DateLastDocPrt", "DatePoCompleted", "MemoDate"]),
        ["PorMasterDetail"] = Columns(
            text: ["PurchaseOrder", "LineType", "MStockCode", "MStockDes", "MWarehouse", "MOrderUom", "MCompleteFlag"],
            number: ["Line", "MOrderQty", "MReceivedQty", "MPrice", "MForeignPrice"],
            date: ["MLatestDueDate", "MLastReceiptDat", "MOrigDueDate"]),
        ["ReqDetail"] = Columns(
            text: ["Requisition", "ReqnStatus", "StockCode", "StockDescription", "OrderUom", "Supplier", "Originator", "Buyer",
                "Operator", "CurrentHolder", "GlCode"],
            number: ["Line", "OrderQty", "Price"],
            date: ["ApprovedDate", "DueDate", "DateReqnRaised", "DatePoConfirmed"]),
        ["ApInvoice"] = Columns(
            text: ["Supplier", "Invoice", "Reference", "Currency", "InvoiceStatus", "Branch", "Bank", "PaymentNumber"],
            number: ["Journal", "OrigInvValue", "OrigDiscValue", "MthInvBal1", "InvoiceYear", "InvoiceMonth", "EntryNumber"],
            date: ["JournalDate", "InvoiceDate", "DueDate", "DiscountDate"]),
        ["ApSupplier"] = Columns(
            text: ["Supplier", "SupplierName", "SupShortName", "SupplierClass", "Currency", "OnHold"],
            number: ["CurrentBalance"],
            date: []),
        ["InvBuyer"] = Columns(text: ["Buyer", "Name", "Email"], number: [], date: []),
        ["GenTransaction"] = Columns(
            text: ["Company", "GlCode", "Source", "Reference", "Comment", "SubModSupplier", "SubModApInvoice"],
            number: ["GlYear", "GlPeriod", "GlLine", "Journal", "EntryValue"],
            date: ["JnlDate", "TransactionDate"]),
        ["ApPayRunHdr"] = Columns(
            text: ["PaymentNumber", "Bank", "Operator"],
            number: ["PayYear", "PayMonth", "ChRegister", "TimeStamp"],
            date: ["PaymentDate"]),
        ["ApPayRunDet"] = Columns(
            text: ["PaymentNumber", "Supplier", "Invoice", "Cheque", "PostCurrency", "PostMulDiv", "InvoiceType", "SupplierName",
                "PaymentType", "Bank"],
            number: ["NetPayValue", "PostValue", "PostConvRate", "ChRegister", "TimeStamp"],
            date: ["ChequeDate", "InvoiceDate", "DueDate"]),
        ["GenJournalCtl"] = Columns(
            text: ["JnlPrintFlag", "JnlPostingType", "Source", "Operator", "JnlStatus", "Reference", "AuthorisedBy", "PostedBy",
                "Authorised", "Notation", "JournalSource"],
            number: ["GlYear", "GlPeriod", "GlJournal", "NumOfEntries", "DebitAmount", "CreditAmount", "TimeStamp"],
            date: ["JournalDate", "PostDate"]),
    };

    /// <summary>SYSPRO's name for the rowversion column every table has (specs/syspro.md, section 3).</summary>
    public const string TimeStamp = "TimeStamp";

    /// <summary>The expected kind of a column, or <see cref="SysproColumnKind.Unknown"/>. <c>TimeStamp</c> is a
    /// rowversion in every table.</summary>
    public static SysproColumnKind Of(string table, string column) =>
        column.Equals(TimeStamp, StringComparison.OrdinalIgnoreCase) ? SysproColumnKind.RowVersion
        : Tables.TryGetValue(table, out var columns) && columns.TryGetValue(column, out var kind) ? kind
        : SysproColumnKind.Unknown;

    private static Dictionary<string, SysproColumnKind> Columns(string[] text, string[] number, string[] date) =>
        text.Select(c => (c, SysproColumnKind.Text))
            .Concat(number.Select(c => (c, SysproColumnKind.Number)))
            .Concat(date.Select(c => (c, SysproColumnKind.Date)))
            .ToDictionary(p => p.c, p => p.Item2, StringComparer.OrdinalIgnoreCase);
}
