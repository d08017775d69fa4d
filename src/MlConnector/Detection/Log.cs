namespace MlConnector.Detection;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, EventName = "PollCompleted",
        Message = "Rule {Rule}: read {Rows} rows, {Events} events, {Alerts} alerts enqueued (baseline: {Baseline})")]
    public static partial void PollCompleted(this ILogger logger, LogLevel level, string rule, int rows, int events, int alerts, bool baseline);

    [LoggerMessage(EventId = 2002, EventName = "PollFailed", Level = LogLevel.Error,
        Message = "Rule {Rule}: poll failed: {Error}")]
    public static partial void PollFailed(this ILogger logger, string rule, string error);

    [LoggerMessage(EventId = 2003, EventName = "NobodyToText", Level = LogLevel.Warning,
        Message = "Rule {Rule}: record {RecordKey} made a transition but its recipients resolve to nobody: {Reason}")]
    public static partial void NobodyToText(this ILogger logger, string rule, string recordKey, string reason);

    [LoggerMessage(EventId = 2004, EventName = "RenderFailed", Level = LogLevel.Error,
        Message = "Rule {Rule}: the text for record {RecordKey} could not be rendered: {Reason}")]
    public static partial void RenderFailed(this ILogger logger, string rule, string recordKey, string reason);

    [LoggerMessage(EventId = 2005, EventName = "PollRecordFailed", Level = LogLevel.Error,
        Message = "Rule {Rule}: the failed poll could not be recorded either: {Error}")]
    public static partial void PollRecordFailed(this ILogger logger, string rule, string error);

    [LoggerMessage(EventId = 2006, EventName = "RulesLoaded", Level = LogLevel.Information,
        Message = "{Count} polling rules: {Rules}")]
    public static partial void RulesLoaded(this ILogger logger, int count, string rules);

    [LoggerMessage(EventId = 2007, EventName = "UnknownStatus", Level = LogLevel.Warning,
        Message = "Rule {Rule}: record {RecordKey} has {StatusColumn} '{Status}', which is not among the rule's Statuses; the row is skipped")]
    public static partial void UnknownStatus(this ILogger logger, string rule, string recordKey, string status, string statusColumn);

    [LoggerMessage(EventId = 2008, EventName = "EnrichmentLookupFailed", Level = LogLevel.Warning,
        Message = "Rule {Rule}: the {Lookup} lookup failed ({Reason}); texts go out without {Fields}")]
    public static partial void LookupFailed(this ILogger logger, string rule, string lookup, string reason, string fields);

    // 21xx: held polls and schema checks (issue 12).
    [LoggerMessage(EventId = 2101, EventName = "PollHeld", Level = LogLevel.Warning,
        Message = "Rule {Rule}: {Alerts} alerts held, not sent: {Reason} Release or discard them (dashboard, API or 'ml-connector rules release|discard').")]
    public static partial void PollHeld(this ILogger logger, string rule, int alerts, string reason);

    [LoggerMessage(EventId = 2102, EventName = "HoldEnded", Level = LogLevel.Information,
        Message = "Rule {Rule}: {Alerts} held alerts {Outcome} by {Actor}")]
    public static partial void HoldEnded(this ILogger logger, string rule, int alerts, string outcome, string actor);

    [LoggerMessage(EventId = 2103, EventName = "OptionalColumnDropped", Level = LogLevel.Warning,
        Message = "Rule {Rule}: SYSPRO's {Table} has no column {Column}; the rule runs without it (its texts show it empty)")]
    public static partial void OptionalColumnDropped(this ILogger logger, string rule, string table, string column);

    [LoggerMessage(EventId = 2104, EventName = "RuleSchemaError", Level = LogLevel.Error,
        Message = "Rule {Rule} is in error and not polled: {Error} It is checked again every cadence.")]
    public static partial void RuleSchemaError(this ILogger logger, string rule, string error);

    [LoggerMessage(EventId = 2105, EventName = "RuleSchemaRecovered", Level = LogLevel.Information,
        Message = "Rule {Rule}: SYSPRO's {Table} now has every column the rule needs; it polls again")]
    public static partial void RuleSchemaRecovered(this ILogger logger, string rule, string table);

    [LoggerMessage(EventId = 2106, EventName = "RowVersionMissing", Level = LogLevel.Warning,
        Message = "Rule {Rule}: SYSPRO's {Table} has no column {Column}; the rule reads its whole working set at every poll (snapshot diff)")]
    public static partial void RowVersionMissing(this ILogger logger, string rule, string table, string column);

    [LoggerMessage(EventId = 2107, EventName = "RowVersionRefused", Level = LogLevel.Warning,
        Message = "Rule {Rule}: SYSPRO refused to read {Table} by {Column} ({Reason}); the rule reads its whole working set at every poll (snapshot diff) and tries {Column} again every {Every}")]
    public static partial void RowVersionRefused(this ILogger logger, string rule, string table, string column, string reason, TimeSpan every);

    // 22xx: the instance registry and rule-lease heartbeats (issue 13).
    [LoggerMessage(EventId = 2201, EventName = "WatchingInstanceId", Level = LogLevel.Information,
        Message = "Instance id {InstanceId} was in use before: watching its heartbeat for {Wait} to tell a running instance from a dead one")]
    public static partial void WatchingInstanceId(this ILogger logger, string instanceId, TimeSpan wait);

    [LoggerMessage(EventId = 2202, EventName = "TookOverFromPredecessor", Level = LogLevel.Information,
        Message = "Instance id {InstanceId}: the process before this one is gone; {Count} rule lease(s) it held are free at once")]
    public static partial void TookOverFromPredecessor(this ILogger logger, string instanceId, int count);

    [LoggerMessage(EventId = 2203, EventName = "InstanceSuperseded", Level = LogLevel.Critical,
        Message = "Instance id {InstanceId} was taken over by another process (Polling:InstanceId shared, or this one stalled): this process stops polling")]
    public static partial void InstanceSuperseded(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 2204, EventName = "HeartbeatFailed", Level = LogLevel.Warning,
        Message = "Instance {InstanceId}: the heartbeat could not be written: {Error}")]
    public static partial void HeartbeatFailed(this ILogger logger, string instanceId, string error);

    [LoggerMessage(EventId = 2205, EventName = "InstanceRowNotRemoved", Level = LogLevel.Warning,
        Message = "Instance {InstanceId}: could not sign off at shutdown ({Error}); a restart under this id waits one heartbeat interval")]
    public static partial void InstanceRowNotRemoved(this ILogger logger, string instanceId, string error);

    [LoggerMessage(EventId = 2206, EventName = "LeaseHeartbeatFailed", Level = LogLevel.Warning,
        Message = "Could not renew this instance's rule leases: {Error}")]
    public static partial void LeaseHeartbeatFailed(this ILogger logger, string error);

    // 23xx: splits (issue 14).
    [LoggerMessage(EventId = 2301, EventName = "SplitFoundNoLines", Level = LogLevel.Warning,
        Message = "Rule {Rule}: record {RecordKey} made its transition but {Table} has no lines for it; nothing to text")]
    public static partial void SplitFoundNoLines(this ILogger logger, string rule, string recordKey, string table);
}
