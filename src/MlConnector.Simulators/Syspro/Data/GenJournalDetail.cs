using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>A journal line (S7): <see cref="EntryType"/> D or C with an unsigned value; <see cref="EntryPosted"/> Y once posted.</summary>
public sealed record GenJournalDetail
{
    [Key]
    [SqlDecimal(4, 0)]
    public int GlYear { get; init; }

    [Key]
    [SqlDecimal(2, 0)]
    public int GlPeriod { get; init; }

    [Key]
    [SqlDecimal(10, 0)]
    public int Journal { get; init; }

    [Key]
    [SqlDecimal(10, 0)]
    public int EntryNumber { get; init; }

    public string EntryType { get; init; } = "D";

    public string GlCode { get; init; } = "";

    [SqlDecimal(14, 2)]
    public decimal EntryValue { get; init; }

    public string Reference { get; init; } = "";

    public string Comment { get; init; } = "";

    public DateTimeOffset? EntryDate { get; init; }

    public string EntryPosted { get; init; } = "N";

    public string Company { get; init; } = "";

    public DateTimeOffset? TransactionDate { get; init; }

    public long TimeStamp { get; init; }
}
