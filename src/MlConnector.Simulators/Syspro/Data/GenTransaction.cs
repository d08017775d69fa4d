using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// Posted general-ledger detail (syspro.md section 3). The simulator numbers <c>GlLine</c> across the whole table,
/// so (GlYear, GlPeriod, GlLine) is unique.
/// </summary>
public sealed record GenTransaction
{
    public string Company { get; init; } = "";

    public string GlCode { get; init; } = "";

    [Key]
    [SqlDecimal(4, 0)]
    public int GlYear { get; init; }

    [Key]
    [SqlDecimal(2, 0)]
    public int GlPeriod { get; init; }

    [Key]
    [SqlDecimal(10, 0)]
    public int GlLine { get; init; }

    /// <summary>AP accounts payable, AR, SA, IN, GR, PE, AU, HM.</summary>
    public string Source { get; init; } = "";

    [SqlDecimal(10, 0)]
    public int Journal { get; init; }

    public DateTimeOffset? JnlDate { get; init; }

    public string Reference { get; init; } = "";

    [SqlDecimal(14, 2)]
    public decimal EntryValue { get; init; }

    public string Comment { get; init; } = "";

    public DateTimeOffset? TransactionDate { get; init; }

    [SqlDecimal(10, 0)]
    public int SubModJournal { get; init; }

    public string SubModApInvoice { get; init; } = "";

    public string SubModSupplier { get; init; } = "";

    public string SubModArInvoice { get; init; } = "";

    public string SubModCustomer { get; init; } = "";

    public string SubModRef { get; init; } = "";

    public string SubModWh { get; init; } = "";

    public string SubModStock { get; init; } = "";

    public string SubModGrn { get; init; } = "";

    public long TimeStamp { get; init; }
}
