using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// One invoice released in a payment run (S7). <see cref="Cheque"/> and <see cref="ChequeDate"/> stay empty until
/// the run pays and its cheques are printed or EFT numbers generated; every invoice of one supplier in one run
/// carries the same reference.
/// </summary>
public sealed record ApPayRunDet
{
    [Key]
    public required string PaymentNumber { get; init; }

    [Key]
    public required string Supplier { get; init; }

    [Key]
    public required string Invoice { get; init; }

    /// <summary>The cheque number or EFT reference (varchar(15) in S7).</summary>
    public string Cheque { get; init; } = "";

    public DateTimeOffset? ChequeDate { get; init; }

    public DateTimeOffset? InvoiceDate { get; init; }

    public DateTimeOffset? DueDate { get; init; }

    /// <summary>The amount paid against the invoice, in the payment currency.</summary>
    [SqlDecimal(14, 2)]
    public decimal NetPayValue { get; init; }

    [SqlDecimal(14, 2)]
    public decimal PostValue { get; init; }

    public string InvoiceType { get; init; } = "I";

    public string PostCurrency { get; init; } = "USD";

    [SqlDecimal(12, 6)]
    public decimal PostConvRate { get; init; } = 1m;

    public string PostMulDiv { get; init; } = "M";

    public string SupplierName { get; init; } = "";

    [SqlDecimal(10, 0)]
    public int ChRegister { get; init; }

    /// <summary>Codes seen: M and R (issue 14); their meaning is not established. The simulator writes R, or M for a manual cheque.</summary>
    public string PaymentType { get; init; } = "R";

    public long TimeStamp { get; init; }
}
