namespace MlConnector.Webhooks;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, EventName = "ForgedWebhook", Level = LogLevel.Warning,
        Message = "Refused a webhook to {Path}: {Reason} ({Refused} refused from this address since the last such line)")]
    public static partial void ForgedWebhook(this ILogger logger, PathString path, string reason, long refused);

    [LoggerMessage(EventId = 6002, EventName = "StatusReceived", Level = LogLevel.Information,
        Message = "Status callback {MessageSid}: {Status} (error {ErrorCode}), applied: {Applied}")]
    public static partial void StatusReceived(this ILogger logger, string messageSid, string status, int? errorCode, bool applied);

    [LoggerMessage(EventId = 6003, EventName = "DuplicateCallback", Level = LogLevel.Debug,
        Message = "Status callback {MessageSid}: {Status} seen before; ignored")]
    public static partial void DuplicateCallback(this ILogger logger, string messageSid, string status);

    [LoggerMessage(EventId = 6004, EventName = "InboundReceived", Level = LogLevel.Information,
        Message = "Inbound SMS {MessageSid} from {Phone}: keyword {Keyword}")]
    public static partial void InboundReceived(this ILogger logger, string messageSid, string phone, string keyword);
}
