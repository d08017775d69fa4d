namespace MlConnector.Simulators.Syspro.Data;

/// <summary>The generated rows, before rowversions are assigned, and where the counters continue.</summary>
internal sealed record SeededTables(
    IReadOnlyList<InvBuyer> Buyers,
    IReadOnlyList<ApSupplier> Suppliers,
    IReadOnlyList<PorMasterHdr> Orders,
    IReadOnlyList<PorMasterDetail> Lines,
    IReadOnlyList<ReqDetail> Requisitions,
    IReadOnlyList<ApInvoice> Invoices,
    IReadOnlyList<GenTransaction> GlRows,
    IReadOnlyList<InvMasterRow> StockItems,
    int LastJournal,
    int LastGlLine,
    int LastPurchaseOrder,
    SysproDataGenerator.PaymentHistory Payments,
    SysproDataGenerator.JournalHistory Journals);
