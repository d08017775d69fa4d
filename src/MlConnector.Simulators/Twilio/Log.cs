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

    [LoggerMessage(EventId = 9104, Level = LogLevel.Information, Message = "Injected fault {Fault} into a request")]
    public static partial void FaultInjected(this ILogger logger, TwilioFaultKind fault);

    [LoggerMessage(EventId = 9105, Level = LogLevel.Information, Message = "Inbound SMS {MessageSid} posted; the webhook answered {HttpStatus}")]
    public static partial void InboundPosted(this ILogger logger, string messageSid, int httpStatus);

    [LoggerMessage(EventId = 9106, Level = LogLevel.Information, Message = "Accepted call {CallSid}")]
    public static partial void CallAccepted(this ILogger logger, string callSid);

    [LoggerMessage(EventId = 9107, Level = LogLevel.Debug, Message = "Call {CallSid} is {Status}")]
    public static partial void CallStatusChanged(this ILogger logger, string callSid, string status);

    [LoggerMessage(EventId = 9108, Level = LogLevel.Debug, Message = "Voice webhook {Purpose} for {CallSid} answered {HttpStatus}")]
    public static partial void VoiceWebhookSent(this ILogger logger, string purpose, string callSid, int httpStatus);

    [LoggerMessage(EventId = 9109, Level = LogLevel.Warning, Message = "Call {CallSid} hit application error {Code}")]
    public static partial void CallError(this ILogger logger, string callSid, int code);

    [LoggerMessage(EventId = 9110, Level = LogLevel.Error, Message = "A step ({Step}) of call {CallSid} failed")]
    public static partial void CallStepFailed(this ILogger logger, Exception exception, string callSid, string step);

    [LoggerMessage(EventId = 9111, Level = LogLevel.Information, Message = "Verification {VerificationSid} sent (send {Attempt})")]
    public static partial void VerificationSent(this ILogger logger, string verificationSid, int attempt);

    [LoggerMessage(EventId = 9114, Level = LogLevel.Information, Message = "Verification {VerificationSid} checked: {Status}")]
    public static partial void VerificationChecked(this ILogger logger, string verificationSid, string status);

    [LoggerMessage(EventId = 9112, Level = LogLevel.Information, Message = "Phone number {NumberSid} updated")]
    public static partial void PhoneNumberUpdated(this ILogger logger, string numberSid);

    [LoggerMessage(EventId = 9113, Level = LogLevel.Information, Message = "Messaging Service {ServiceSid} updated")]
    public static partial void MessagingServiceUpdated(this ILogger logger, string serviceSid);
}
