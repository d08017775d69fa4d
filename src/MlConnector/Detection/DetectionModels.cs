using MlConnector.Alerts;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>What a rule remembers of one record: a fingerprint of the columns it reads, the status value, and the
/// record's value of the watermark column (for pruning the overlap window).</summary>
public sealed record SnapshotEntry(string RecordKey, string Fingerprint, string? Status, string? WatermarkValue);

/// <summary>A rule's stored state before a poll.</summary>
public sealed record RuleState(string? Watermark, bool Baselined, IReadOnlyDictionary<string, SnapshotEntry> Snapshot)
{
    public static RuleState Empty { get; } = new(null, false, new Dictionary<string, SnapshotEntry>());
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
    int RowsRead);

/// <summary>What <c>preview</c> shows of one rule: how many events, the texts of the first ones, and which of those
/// would text nobody (with why).</summary>
public sealed record RulePreview(int Events, IReadOnlyList<NewAlert> Texts, IReadOnlyList<UnroutedEvent> Unrouted);
