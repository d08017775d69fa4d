namespace MlConnector.Voice;

internal static partial class Log
{
    [LoggerMessage(EventId = 8001, EventName = "CallPlaced", Level = LogLevel.Information,
        Message = "Voice call {CallId} ({Reason}) for alert {AlertId} placed: {CallSid}")]
    public static partial void CallPlaced(this ILogger logger, long callId, string reason, long alertId, string callSid);

    [LoggerMessage(EventId = 8002, EventName = "CallRefused", Level = LogLevel.Warning,
        Message = "Voice call {CallId} ({Reason}) for alert {AlertId} was not placed: {Code} {Error}")]
    public static partial void CallRefused(this ILogger logger, long callId, string reason, long alertId, int? code, string error);

    [LoggerMessage(EventId = 8003, EventName = "VoiceRoundFailed", Level = LogLevel.Error,
        Message = "Voice calls: a round failed; trying again at the next")]
    public static partial void RoundFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8004, EventName = "CallStatus", Level = LogLevel.Information,
        Message = "Voice call {CallId}: {Status}")]
    public static partial void CallStatus(this ILogger logger, long callId, string status);

    [LoggerMessage(EventId = 8005, EventName = "CallKeypress", Level = LogLevel.Information,
        Message = "Voice call {CallId}: key {Digits} pressed; acknowledged: {Acknowledged}")]
    public static partial void CallKeypress(this ILogger logger, long callId, string digits, bool acknowledged);

    [LoggerMessage(EventId = 8006, EventName = "InterruptedCallFound", Level = LogLevel.Warning,
        Message = "Voice call {CallId} ({Reason}) for alert {AlertId}: its placing was interrupted; Twilio placed it ({CallSid}), so it is not placed again")]
    public static partial void InterruptedCallFound(this ILogger logger, long callId, string reason, long alertId, string callSid);

    [LoggerMessage(EventId = 8007, EventName = "InterruptedCallNotPlaced", Level = LogLevel.Warning,
        Message = "Voice call {CallId} ({Reason}) for alert {AlertId}: its placing was interrupted before it reached Twilio (not in Twilio's call list); placing it now")]
    public static partial void InterruptedCallNotPlaced(this ILogger logger, long callId, string reason, long alertId);
}
