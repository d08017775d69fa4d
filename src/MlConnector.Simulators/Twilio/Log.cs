using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Twilio;

// Event ids 9100-9199: the Twilio simulator. Phone numbers and bodies are never logged.
internal static partial class Log
{
    [LoggerMessage(EventId = 9100, Level = LogLevel.Debug, Message = "Status callback {Status} for {MessageSid} answered {HttpStatus}")]
    public static partial void CallbackPosted(this ILogger logger, string messageSid, string status, int httpStatus);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "A webhook could not be delivered")]
    public static partial void WebhookUnreachable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Accepted message {MessageSid} ({Segments} segment(s))")]
    public static partial void MessageAccepted(this ILogger logger, string messageSid, int segments);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Create rejected: HTTP {HttpStatus}, code {Code}")]
    public static partial void CreateRejected(this ILogger logger, int httpStatus, int code);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Information, Message = "Injected fault {Fault} into a create request")]
    public static partial void FaultInjected(this ILogger logger, TwilioFaultKind fault);

    [LoggerMessage(EventId = 9105, Level = LogLevel.Information, Message = "Inbound SMS {MessageSid} posted; the webhook answered {HttpStatus}")]
    public static partial void InboundPosted(this ILogger logger, string messageSid, int httpStatus);
}
