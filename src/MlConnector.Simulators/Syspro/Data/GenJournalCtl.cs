using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// A general-ledger journal header (S7). Posting sets <see cref="PostDate"/> and <see cref="PostedBy"/>, the mark
/// the simulator models; <see cref="JnlStatus"/> codes are not established, so the simulator never changes it.
/// </summary>
public sealed record GenJournalCtl
{
    [Key]
    [SqlDecimal(4, 0)]
    public int GlYear { get; init; }

    [Key]
    [SqlDecimal(2, 0)]
    public int GlPeriod { get; init; }

    [Key]
    [SqlDecimal(10, 0)]
    public int GlJournal { get; init; }

    public string JnlPrintFlag { get; init; } = "N";

    public DateTimeOffset? JournalDate { get; init; }

    [SqlDecimal(6, 0)]
    public int NumOfEntries { get; init; }

    [SqlDecimal(14, 2)]
    public decimal DebitAmount { get; init; }

    [SqlDecimal(14, 2)]
    public decimal CreditAmount { get; init; }

    public string JnlPostingType { get; init; } = "N";

    public string Source { get; init; } = "";

    public string Operator { get; init; } = "";

    public string JnlStatus { get; init; } = " ";

    public string Reference { get; init; } = "";

    public string AuthorisedBy { get; init; } = "";

    public string PostedBy { get; init; } = "";

    public string Authorised { get; init; } = "N";

    /// <summary>Null until the journal is posted.</summary>
    public DateTimeOffset? PostDate { get; init; }

    public string Notation { get; init; } = "";

    /// <summary>AP, AR, AS, GR, IN, SA, WP, PA, CS for sub-module journals (S7); blank for a journal entered in the GL.</summary>
    public string JournalSource { get; init; } = "";

    public long TimeStamp { get; init; }
}
