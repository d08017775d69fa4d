namespace MlConnector.Simulators.Twilio.PhoneNumbers;

/// <summary>A number the simulated account owns (an IncomingPhoneNumber) and its webhook settings.</summary>
public sealed record SimulatedPhoneNumber(
    string Sid,
    string PhoneNumber,
    string FriendlyName,
    Uri? SmsUrl,
    string SmsMethod,
    Uri? VoiceUrl,
    string VoiceMethod,
    Uri? StatusCallback,
    DateTimeOffset DateCreated,
    DateTimeOffset DateUpdated);

/// <summary>A Messaging Service of the simulated account: its senders and inbound settings.</summary>
public sealed record SimulatedMessagingService(
    string Sid,
    string FriendlyName,
    IReadOnlyList<string> Senders,
    Uri? InboundRequestUrl,
    string InboundMethod,
    bool UseInboundWebhookOnNumber,
    Uri? StatusCallback,
    DateTimeOffset DateCreated,
    DateTimeOffset DateUpdated);

/// <summary>Where an inbound text to one of the account's numbers goes, and why.</summary>
/// <param name="Source">"messaging-service", "number" or "simulator" (the simulator's default inbound URL).</param>
public sealed record InboundTarget(Uri Url, string Method, string? MessagingServiceSid, string Source);
