namespace MlConnector.Detection;

/// <summary>One poll's numbers: the rows it read and the alerts it enqueued (stored as <c>events</c> and
/// <c>last_events</c>); <paramref name="HeldBy"/> names the instance that holds the rule when this one skipped it;
/// <paramref name="RunId"/> is the id the poll allocated when it started, which its alerts carry in their keys.</summary>
public sealed record PollRecord(string InstanceId, DateTimeOffset StartedAt, TimeSpan Duration, int RowsRead, int AlertsEnqueued,
    string? Error, string? HeldBy = null, string? RunId = null);
