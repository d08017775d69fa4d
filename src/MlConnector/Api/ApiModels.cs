using MlConnector.Detection;

namespace MlConnector.Api;

public sealed record ReplayRequest(string? Reason);

public sealed record BulkReplayRequest(DateTimeOffset Since, string? Reason);

public sealed record ReplayResult(long AlertId, string State);

public sealed record BulkReplayResult(int Replayed);

public sealed record PauseRequest(string? Reason);

public sealed record RuleDetail(RuleStatus Rule, IReadOnlyList<PollRun> RecentRuns);
