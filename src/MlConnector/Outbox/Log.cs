namespace MlConnector.Outbox;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, EventName = "AttemptRecorded", Level = LogLevel.Information,
        Message = "Alert {AlertId}: {State} after {Attempts} attempt(s), Twilio code {ErrorCode}, next attempt {NextAttemptAt}")]
    public static partial void AttemptRecorded(this ILogger logger, long alertId, string state, long attempts, int? errorCode,
        DateTimeOffset? nextAttemptAt);

    [LoggerMessage(EventId = 3002, EventName = "LeaseLost", Level = LogLevel.Warning,
        Message = "Alert {AlertId}: this claim's lease is gone (it ran out and the alert was claimed again, or a status callback settled it); this outcome was not recorded")]
    public static partial void LeaseLost(this ILogger logger, long alertId);

    [LoggerMessage(EventId = 3003, EventName = "DispatchFailed", Level = LogLevel.Error,
        Message = "Outbox dispatcher: an iteration failed; trying again")]
    public static partial void DispatchFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, EventName = "AttemptFailed", Level = LogLevel.Error,
        Message = "Alert {AlertId}: the attempt failed unexpectedly; it is given back and tried again later")]
    public static partial void AttemptFailed(this ILogger logger, Exception exception, long alertId);

    [LoggerMessage(EventId = 3005, EventName = "DispatcherStarted", Level = LogLevel.Information,
        Message = "Outbox dispatcher {Owner} started: {PerSecond} msg/s, {Concurrency} in flight, lease {Lease}")]
    public static partial void DispatcherStarted(this ILogger logger, string owner, int perSecond, int concurrency, TimeSpan lease);

    [LoggerMessage(EventId = 3006, EventName = "Replayed", Level = LogLevel.Information,
        Message = "Replay by {Actor}: {Count} alert(s) queued again")]
    public static partial void Replayed(this ILogger logger, string actor, int count);

    [LoggerMessage(EventId = 3007, EventName = "BudgetReleaseFailed", Level = LogLevel.Warning,
        Message = "Send slot {SlotId}: could not release it in the shared rate budget; it lapses on its own")]
    public static partial void BudgetReleaseFailed(this ILogger logger, Exception exception, long slotId);

    [LoggerMessage(EventId = 3008, EventName = "LeaseLostBeforeSend", Level = LogLevel.Warning,
        Message = "Alert {AlertId}: the lease ran out before the send; not sent by this dispatcher")]
    public static partial void LeaseLostBeforeSend(this ILogger logger, long alertId);

    [LoggerMessage(EventId = 3009, EventName = "OptOutsAdopted", Level = LogLevel.Information,
        Message = "{Count} opt-out(s) kept from before opt-outs were per sender now stop texts through {Sender}")]
    public static partial void OptOutsAdopted(this ILogger logger, int count, string sender);

    [LoggerMessage(EventId = 3010, EventName = "LeaseRenewalRefused", Level = LogLevel.Warning,
        Message = "Alert {AlertId}: its lease could not be renewed (settled meanwhile, or claimed again); this attempt's outcome will not be recorded")]
    public static partial void LeaseRenewalRefused(this ILogger logger, long alertId);

    [LoggerMessage(EventId = 3011, EventName = "LeaseRenewalFailed", Level = LogLevel.Warning,
        Message = "Alert {AlertId}: renewing its lease failed; trying again at the next heartbeat")]
    public static partial void LeaseRenewalFailed(this ILogger logger, Exception exception, long alertId);

    [LoggerMessage(EventId = 3020, EventName = "LookupPostponed", Level = LogLevel.Warning,
        Message = "Alert {AlertId}: send in doubt, Twilio's message list could not be read ({Failures} time(s): {Reason}); looked at again at {NextAt}")]
    public static partial void LookupPostponed(this ILogger logger, long alertId, long failures, string reason, DateTimeOffset nextAt);

    [LoggerMessage(EventId = 3021, EventName = "StatusFetched", Level = LogLevel.Information,
        Message = "Alert {AlertId}: no status callback for a while; Twilio says {Status} (fetch {Check})")]
    public static partial void StatusFetched(this ILogger logger, long alertId, string status, int check);

    [LoggerMessage(EventId = 3022, EventName = "StatusFetchFailed", Level = LogLevel.Warning,
        Message = "Alert {AlertId}: its delivery status could not be fetched from Twilio (fetch {Check}): {Reason}")]
    public static partial void StatusFetchFailed(this ILogger logger, long alertId, int check, string reason);

    [LoggerMessage(EventId = 3023, EventName = "StatusRefreshFailed", Level = LogLevel.Error,
        Message = "Delivery status refresh: a round failed; trying again at the next")]
    public static partial void StatusRefreshFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3024, EventName = "DigestQueued", Level = LogLevel.Information,
        Message = "Quiet hours of {RecipientId} ended: {Alerts} alert(s) queued as a digest of {Texts} text(s)")]
    public static partial void DigestQueued(this ILogger logger, string recipientId, int alerts, int texts);

    [LoggerMessage(EventId = 3025, EventName = "DigestFailed", Level = LogLevel.Error,
        Message = "Quiet-hours digests: a round failed; trying again at the next")]
    public static partial void DigestFailed(this ILogger logger, Exception exception);
}
