using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>Supplier invoice (syspro.md section 3). Posted ones carry <c>Journal</c> and <c>JournalDate</c>.</summary>
public sealed record ApInvoice
{
    [Key]
    public required string Supplier { get; init; }

    [Key]
    public required string Invoice { get; init; }

    public DateTimeOffset? JournalDate { get; init; }

    [SqlDecimal(10, 0)]
    public int Journal { get; init; }

    public string Branch { get; init; } = "";

    public DateTimeOffset? InvoiceDate { get; init; }

    public DateTimeOffset? DiscountDate { get; init; }

    public DateTimeOffset? DueDate { get; init; }

    public string Reference { get; init; } = "";

    [SqlDecimal(14, 2)]
    public decimal OrigInvValue { get; init; }

    [SqlDecimal(14, 2)]
    public decimal OrigDiscValue { get; init; }

    [SqlDecimal(14, 2)]
    public decimal MthInvBal1 { get; init; }

    [SqlDecimal(14, 2)]
    public decimal MthInvBal2 { get; init; }

    [SqlDecimal(14, 2)]
    public decimal MthInvBal3 { get; init; }

    public string InvoiceStatus { get; init; } = " ";

    public string Currency { get; init; } = "USD";

    public string Bank { get; init; } = "";

    [SqlDecimal(4, 0)]
    public int InvoiceYear { get; init; }

    [SqlDecimal(2, 0)]
    public int InvoiceMonth { get; init; }

    [SqlDecimal(12, 6)]
    public decimal ExchangeRate { get; init; } = 1m;

    public string PostCurrency { get; init; } = "USD";

    [SqlDecimal(12, 6)]
    public decimal ConvRate { get; init; } = 1m;

    public string MulDiv { get; init; } = "M";

    [SqlDecimal(10, 0)]
    public int EntryNumber { get; init; }

    [SqlDecimal(10, 0)]
    public int PaymentNumber { get; init; }

    [SqlDecimal(14, 2)]
    public decimal TotalAdjustments { get; init; }

    public long TimeStamp { get; init; }
}
