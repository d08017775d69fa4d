namespace MlConnector.Webhooks;

/// <summary>Twilio's opt-out and opt-in keywords: the whole message is one of them, in any case.</summary>
public static class OptOutKeywords
{
    private static readonly HashSet<string> Stop = new(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"], StringComparer.Ordinal);
    private static readonly HashSet<string> Start = new(["START", "YES", "UNSTOP"], StringComparer.Ordinal);

    /// <summary>"STOP", "START" or null.</summary>
    public static string? Classify(string? body)
    {
        var word = (body ?? "").Trim().ToUpperInvariant();
        return Stop.Contains(word) ? "STOP" : Start.Contains(word) ? "START" : null;
    }
}
