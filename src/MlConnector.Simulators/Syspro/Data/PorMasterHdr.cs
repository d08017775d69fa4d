using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>Purchase order header (syspro.md section 3). <c>PurchaseOrder</c> is padded as <see cref="SysproKeyStyle"/> says.</summary>
public sealed record PorMasterHdr
{
    [Key]
    public required string PurchaseOrder { get; init; }

    /// <summary>0 in process, 1 ready to print, 4 printed, 9 complete, * cancelled.</summary>
    public string OrderStatus { get; init; } = "0";

    public string ActiveFlag { get; init; } = "Y";

    public string CancelledFlag { get; init; } = " ";

    public required string Supplier { get; init; }

    public DateTimeOffset? OrderEntryDate { get; init; }

    public DateTimeOffset? OrderDueDate { get; init; }

    public DateTimeOffset? DateLastDocPrt { get; init; }

    public DateTimeOffset? MemoDate { get; init; }

    public DateTimeOffset? DatePoCompleted { get; init; }

    public string OrderType { get; init; } = "L";

    public string SupplierClass { get; init; } = "";

    public string CustomerPoNumber { get; init; } = "";

    public string PaymentTerms { get; init; } = "";

    public string Warehouse { get; init; } = "";

    public string Currency { get; init; } = "USD";

    [SqlDecimal(12, 6)]
    public decimal ExchangeRate { get; init; } = 1m;

    public string TaxStatus { get; init; } = "N";

    [SqlDecimal(2, 0)]
    public int PrintCount { get; init; }

    [SqlDecimal(2, 0)]
    public int AmendedCount { get; init; }

    public string UserConfirmation { get; init; } = "";

    public string Buyer { get; init; } = "";

    public string TermsCode { get; init; } = "";

    public string ContractNumber { get; init; } = "";

    /// <summary>The SQL rowversion: a database-wide counter bumped by every change.</summary>
    public long TimeStamp { get; init; }
}
