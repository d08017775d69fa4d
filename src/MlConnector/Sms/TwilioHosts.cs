namespace MlConnector.Sms;

/// <summary>Whether an address is Twilio's own (api.twilio.com, an edge such as api.dublin.ie1.twilio.com) rather than
/// a simulator or a test double.</summary>
internal static class TwilioHosts
{
    public static bool IsTwilio(Uri url) =>
        url.Host.Equals("twilio.com", StringComparison.OrdinalIgnoreCase)
        || url.Host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase);
}
