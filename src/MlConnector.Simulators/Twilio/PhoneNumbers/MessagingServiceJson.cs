namespace MlConnector.Simulators.Twilio.PhoneNumbers;

/// <summary>The Service resource of messaging.twilio.com/v1 (schema <c>messaging.v1.service</c> of twilio_messaging_v1.json).</summary>
internal sealed record MessagingServiceWire(
    string Sid,
    string AccountSid,
    string FriendlyName,
    string DateCreated,
    string DateUpdated,
    string? InboundRequestUrl,
    string InboundMethod,
    string? FallbackUrl,
    string FallbackMethod,
    string? StatusCallback,
    bool StickySender,
    bool MmsConverter,
    bool SmartEncoding,
    string ScanMessageContent,
    bool FallbackToLongCode,
    bool AreaCodeGeomatch,
    bool SynchronousValidation,
    int ValidityPeriod,
    string Url,
    IReadOnlyDictionary<string, string> Links,
    string Usecase,
    bool UsAppToPersonRegistered,
    bool UseInboundWebhookOnNumber);

internal static class MessagingServiceJson
{
    private const string Base = "https://messaging.twilio.com/v1/Services/";

    public static MessagingServiceWire Service(string accountSid, SimulatedMessagingService s)
    {
        var url = Base + s.Sid;
        return new MessagingServiceWire(s.Sid, accountSid, s.FriendlyName, TwilioJson.Iso8601(s.DateCreated),
            TwilioJson.Iso8601(s.DateUpdated), s.InboundRequestUrl?.OriginalString, s.InboundMethod, null, "POST",
            s.StatusCallback?.OriginalString, true, true, false, "inherit", false, true, false, 36000, url,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["phone_numbers"] = url + "/PhoneNumbers",
                ["short_codes"] = url + "/ShortCodes",
                ["alpha_senders"] = url + "/AlphaSenders",
                ["messages"] = url + "/Messages",
                ["us_app_to_person"] = url + "/Compliance/Usa2p",
                ["us_app_to_person_usecases"] = url + "/Compliance/Usa2p/Usecases",
                ["channel_senders"] = url + "/ChannelSenders",
                ["destination_alpha_senders"] = url + "/DestinationAlphaSenders",
            }, "notifications", false, s.UseInboundWebhookOnNumber);
    }
}
