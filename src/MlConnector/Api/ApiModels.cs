using MlConnector.Detection;

namespace MlConnector.Api;

public sealed record ReplayRequest(string? Reason);

public sealed record BulkReplayRequest(DateTimeOffset Since, string? Reason);

public sealed record ReplayResult(long AlertId, string State);

public sealed record BulkReplayResult(int Replayed);

public sealed record PauseRequest(string? Reason);

public sealed record RuleDetail(RuleStatus Rule, IReadOnlyList<PollRun> RecentRuns)
{
    /// <summary>The rule's hold (<c>{ alerts, since }</c>), or null when it has none.</summary>
    public Alerts.HeldAlerts? Held => Rule.Held;
}

public sealed record HoldRequest(string? Reason);

/// <summary>What releasing or discarding a rule's hold did: <c>released</c> or <c>discarded</c>, and how many alerts.</summary>
public sealed record HoldResult(string Rule, string Outcome, int Alerts);
