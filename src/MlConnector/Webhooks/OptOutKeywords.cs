namespace MlConnector.Webhooks;

/// <summary>
/// Twilio's opt-out, opt-in and help keywords: the whole message is one of them, in any case (specs/twilio.md, section
/// 4; current docs add REVOKE and OPTOUT). When Twilio's Advanced Opt-Out matched the text itself it says so in the
/// webhook's <c>OptOutType</c>, which covers a site's own keywords too, and wins.
/// </summary>
public static class OptOutKeywords
{
    public const string StopKeyword = "STOP";
    public const string StartKeyword = "START";
    public const string HelpKeyword = "HELP";

    private static readonly HashSet<string> Stop = new(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"], StringComparer.Ordinal);
    private static readonly HashSet<string> Start = new(["START", "YES", "UNSTOP"], StringComparer.Ordinal);
    private static readonly HashSet<string> Help = new(["HELP", "INFO"], StringComparer.Ordinal);

    /// <summary>"STOP", "START", "HELP" or null.</summary>
    public static string? Classify(string? body, string? optOutType = null)
    {
        var told = (optOutType ?? "").Trim().ToUpperInvariant();
        if (told is StopKeyword or StartKeyword or HelpKeyword)
        {
            return told;
        }

        var word = (body ?? "").Trim().ToUpperInvariant();
        return Stop.Contains(word) ? StopKeyword : Start.Contains(word) ? StartKeyword : Help.Contains(word) ? HelpKeyword : null;
    }
}
