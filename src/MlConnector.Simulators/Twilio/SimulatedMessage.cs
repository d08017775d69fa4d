namespace MlConnector.Simulators.Twilio;

/// <summary>A message as the simulator holds it: one accepted create (outbound-api) or one injected inbound SMS.</summary>
public sealed record SimulatedMessage(
    string Sid,
    DateTimeOffset ReceivedAt,
    string Direction,
    string To,
    string? From,
    string? Body,
    string? MessagingServiceSid,
    Uri? StatusCallback,
    string Status,
    int? ErrorCode,
    string? ErrorMessage,
    int NumSegments,
    int NumMedia,
    DateTimeOffset DateUpdated,
    DateTimeOffset? DateSent);

/// <summary>One Messages-create request as received, whatever its answer (inspection of rejected and faulted calls).</summary>
public sealed record CreateRequestRecord(
    DateTimeOffset ReceivedAt,
    string? To,
    string? From,
    int HttpStatus,
    int? ErrorCode,
    string? MessageSid);

/// <summary>One status callback POST the simulator made, with the listener's answer (0 when it could not connect).</summary>
public sealed record CallbackRecord(
    DateTimeOffset SentAt,
    Uri Url,
    string MessageSid,
    string MessageStatus,
    int HttpStatus,
    IReadOnlyDictionary<string, string> Parameters,
    string Signature);

/// <summary>The answer of the webhook an inbound SMS was sent to, and that webhook's URL.</summary>
public sealed record InboundResult(string MessageSid, int HttpStatus, string? ContentType, string Body, Uri Url);
