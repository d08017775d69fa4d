namespace MlConnector.Dashboard;

/// <summary>What Twilio's error codes mean, in an operator's words, for the ones a texting service meets (from Twilio's
/// error dictionary, twilio.com/docs/api/errors). A code not listed is shown as its number alone.</summary>
public static class TwilioErrorMeanings
{
    private static readonly Dictionary<int, string> Meanings = new()
    {
        [20003] = "Twilio refused the credentials (check Twilio:AccountSid and the token or API key)",
        [20429] = "Twilio's rate limit: too many requests",
        [21211] = "the 'To' number is not a valid phone number",
        [21408] = "texting that country is not enabled on the Twilio account",
        [21606] = "the 'From' number cannot send SMS",
        [21610] = "the person opted out (texted STOP); Twilio refuses until they text START",
        [21612] = "Twilio cannot route a text to this number",
        [21614] = "the number is not a mobile number",
        [21617] = "the text is longer than 1,600 characters",
        [30001] = "Twilio's queue for the sender overflowed",
        [30003] = "the handset could not be reached (switched off or out of coverage)",
        [30004] = "the message was blocked (by the person or their carrier)",
        [30005] = "the number is unknown to its carrier",
        [30006] = "a landline or a carrier that cannot take texts",
        [30007] = "the carrier filtered the message as spam",
        [30008] = "the carrier reported an unknown error",
        [30034] = "the sender number is not registered for A2P 10DLC",
    };

    /// <summary>"30003 (the handset could not be reached ...)", or the code alone.</summary>
    public static string Describe(int code) => Meanings.TryGetValue(code, out var meaning) ? $"{code} ({meaning})" : $"{code}";
}
