namespace MlConnector.Sms;

internal static partial class Log
{
    [LoggerMessage(EventId = 4001, EventName = "SendCompleted", Level = LogLevel.Information,
        Message = "Twilio create to {Phone}: {Outcome} {Detail}")]
    public static partial void SendCompleted(this ILogger logger, string phone, string outcome, string detail);

    [LoggerMessage(EventId = 4002, EventName = "LookupFailed", Level = LogLevel.Warning,
        Message = "Twilio message list for {Phone} failed: {Error} (code {Code})")]
    public static partial void LookupFailed(this ILogger logger, string phone, string error, int code);

    [LoggerMessage(EventId = 4010, EventName = "CallLookupFailed", Level = LogLevel.Warning,
        Message = "Twilio call list for {Phone} could not be read: {Error}")]
    public static partial void CallLookupFailed(this ILogger logger, string phone, string error);

    [LoggerMessage(EventId = 4008, EventName = "FetchFailed", Level = LogLevel.Warning,
        Message = "Twilio fetch of message {MessageSid} failed: {Error} (code {Code})")]
    public static partial void FetchFailed(this ILogger logger, string messageSid, string error, int code);

    [LoggerMessage(EventId = 4003, EventName = "DeliveryOff", Level = LogLevel.Warning,
        Message = "Twilio:AccountSid is not set: delivery is off (alerts stay queued; webhooks answer 403)")]
    public static partial void DeliveryOff(this ILogger logger);

    [LoggerMessage(EventId = 4004, EventName = "DeliveryOn", Level = LogLevel.Information,
        Message = "Twilio delivery on: account {AccountSid}, sender {Sender}, {PerSecond} msg/s, REST at {BaseUrl}")]
    public static partial void DeliveryOn(this ILogger logger, string accountSid, string sender, int perSecond, Uri baseUrl);

    [LoggerMessage(EventId = 4005, EventName = "VerifyCodeSent", Level = LogLevel.Information,
        Message = "Sign-in code sent through Twilio Verify to {Phone} ({VerificationSid})")]
    public static partial void VerifyCodeSent(this ILogger logger, string phone, string verificationSid);

    [LoggerMessage(EventId = 4006, EventName = "VerifyRefused", Level = LogLevel.Warning,
        Message = "Twilio Verify refused a {Step} for {Phone}: HTTP {Status}, code {Code}: {Reason}")]
    public static partial void VerifyRefused(this ILogger logger, string step, string phone, int status, int code, string reason);

    [LoggerMessage(EventId = 4007, EventName = "VerifyUnreachable", Level = LogLevel.Warning,
        Message = "Twilio Verify could not be reached for a {Step}: {Reason}")]
    public static partial void VerifyUnreachable(this ILogger logger, string step, string reason);

    [LoggerMessage(EventId = 4009, EventName = "UsageUnreadable", Level = LogLevel.Warning,
        Message = "Twilio Usage Records (this month, sms) for the overview: {Reason}")]
    public static partial void UsageUnreadable(this ILogger logger, string reason, Exception exception);
}
