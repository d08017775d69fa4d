using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// A transaction against a supplier invoice (S8's inspectdb of a live database), here the payments a run made:
/// <see cref="TrnType"/> P, <see cref="PaymentReference"/> the cheque or EFT reference, <see cref="TrnValue"/> the
/// amount with a minus sign (the code and the sign are assumptions; docs/syspro.md).
/// </summary>
public sealed record ApInvoicePay
{
    [Key]
    public required string Supplier { get; init; }

    [Key]
    public required string Invoice { get; init; }

    [Key]
    [SqlDecimal(10, 0)]
    public int EntryNumber { get; init; }

    public string TrnType { get; init; } = "P";

    public DateTimeOffset? JournalDate { get; init; }

    [SqlDecimal(10, 0)]
    public int Journal { get; init; }

    public string PaymentReference { get; init; } = "";

    [SqlDecimal(14, 2)]
    public decimal TrnValue { get; init; }

    [SqlDecimal(4, 0)]
    public int TrnYear { get; init; }

    [SqlDecimal(2, 0)]
    public int TrnMonth { get; init; }

    [SqlDecimal(14, 2)]
    public decimal PostValue { get; init; }

    public string PostCurrency { get; init; } = "USD";

    [SqlDecimal(12, 6)]
    public decimal PostConvRate { get; init; } = 1m;

    public string PostMulDiv { get; init; } = "M";

    public string PaymentNumber { get; init; } = "";

    [SqlDecimal(10, 0)]
    public int SummaryEntryNumber { get; init; }

    public long TimeStamp { get; init; }
}
