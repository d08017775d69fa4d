using MlConnector.Alerts;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>What a rule remembers of one record: a fingerprint of the columns it reads (the first 8 bytes of a SHA-256,
/// stored as their hex: see RowFingerprint), the status value, and the record's value of the watermark column (for
/// pruning the overlap window). A record missing from the latest reads is a tombstone: <paramref name="MissingReads"/>
/// complete reads without it since <paramref name="MissingSince"/>.</summary>
public sealed record SnapshotEntry(string RecordKey, ulong Fingerprint, string? Status, string? WatermarkValue,
    int MissingReads = 0, DateTimeOffset? MissingSince = null)
{
    public bool IsTombstone => MissingReads > 0;
}

/// <summary>A row read but not believed: its status is outside the rule's <c>Statuses</c>.</summary>
public sealed record SkippedRow(string RecordKey, string? Status);

/// <summary>A rule's stored state before a poll.</summary>
public sealed record RuleState(string? Watermark, bool Baselined, IReadOnlyDictionary<string, SnapshotEntry> Snapshot)
{
    public static RuleState Empty { get; } = new(null, false, new Dictionary<string, SnapshotEntry>());

    /// <summary>The highest rowversion the rule has read, as SYSPRO gave it (null: its next read is a whole one).</summary>
    public string? RowVersion { get; init; }

    /// <summary>When the rule last read its whole working set.</summary>
    public DateTimeOffset? FullReadAt { get; init; }

    /// <summary>How many records (not tombstones) the rule remembers, when <see cref="Snapshot"/> holds only the
    /// records a read of changes returned; null when it holds them all.</summary>
    public int? RememberedCount { get; init; }

    /// <summary>How many records (not tombstones) the rule remembers.</summary>
    public int Remembered => RememberedCount ?? Snapshot.Values.Count(e => !e.IsTombstone);
}

/// <summary>One business event: a record made a configured transition.</summary>
public sealed record DetectedEvent(string RecordKey, SourceRow Row, string? From, string? To, TransitionSpec Transition, string Fingerprint)
{
    /// <summary>The transition as stored with the alert, e.g. "0->1", "(blank)->R", "(new)->1" or "new".</summary>
    public string TransitionText => Transition.IsNew ? "new" : $"{Show(From, "(new)")}->{Show(To, "(none)")}";

    private static string Show(string? status, string missing) => status switch
    {
        null => missing,
        "" => "(blank)",
        _ => status,
    };
}

/// <summary>The outcome of one poll's detection: the events, and how the stored state changes.</summary>
public sealed record DetectionResult(
    IReadOnlyList<DetectedEvent> Events,
    IReadOnlyList<SnapshotEntry> Upserts,
    IReadOnlyList<string> Removals,
    string? Watermark,
    bool WasBaseline,
    int RowsRead)
{
    /// <summary>Rows skipped for a status outside the rule's domain (their stored state is left as it was).</summary>
    public IReadOnlyList<SkippedRow> Skipped { get; init; } = [];

    /// <summary>How many records the rule remembered (not counting tombstones) before this read.</summary>
    public int Remembered { get; init; }

    /// <summary>How many of those this read would change: their status changed, or they are missing.</summary>
    public int Changed { get; init; }

    /// <summary>The rule's rowversion after this read (null when it did not read one).</summary>
    public string? RowVersion { get; init; }

    /// <summary>Whether this read was of the whole working set (false: of the rows changed since the rowversion).</summary>
    public bool FullRead { get; init; } = true;

    /// <summary>Whether the rule's stored state changes: false for a read of changes that found none (most polls),
    /// which then writes only its poll record.</summary>
    public bool ChangesState { get; init; } = true;
}

/// <summary>What <c>preview</c> shows of one rule: how many events, the texts of the first ones, and which of those
/// would text nobody (with why).</summary>
public sealed record RulePreview(int Events, IReadOnlyList<NewAlert> Texts, IReadOnlyList<UnroutedEvent> Unrouted);
