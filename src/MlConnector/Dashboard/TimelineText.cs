using System.Globalization;
using System.Text.Json;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.Site;

namespace MlConnector.Dashboard;

/// <summary>An alert's audit line in words for its timeline ("Attempt 2: Twilio's rate limit, next try 14:05"); the
/// JSON stays behind a toggle on the page. A kind or a detail this does not know is shown by its name.</summary>
public static class TimelineText
{
    /// <summary>The alert's state as a sentence: "waiting to retry: 30003 (...), next try 2026-12-03 14:05Z".</summary>
    public static string State(AlertSummary a, SiteTime times)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(times);
        var error = a.ErrorCode is { } code ? TwilioErrorMeanings.Describe(code) : a.ErrorMessage;
        return a.State switch
        {
            AlertStates.Pending when a.Attempts > 0 && a.NextAttemptAt is { } next => $"waiting to retry: {error}, next try {times.Format(next, seconds: false)}",
            AlertStates.Pending => "queued to send",
            AlertStates.Sent => "sent; waiting for the delivery report",
            AlertStates.Failed => $"failed: {error}",
            _ => a.State,
        };
    }

    public static string Describe(AuditLine line, SiteTime times)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(times);
        using var json = TryParse(line.Detail);
        var d = json?.RootElement;
        string? Text(string name) => d is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
            : null;
        string When(string name) => DateTimeOffset.TryParse(Text(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? times.Format(at, seconds: false) : "";
        string? Code() => int.TryParse(Text("errorCode"), CultureInfo.InvariantCulture, out var code) ? TwilioErrorMeanings.Describe(code) : null;
        string Error() => (Code() is { } code ? code + (Text("errorMessage") is { } m ? $": {m}" : "") : Text("errorMessage")) ?? "no reason given";

        return line.Kind switch
        {
            AuditKinds.Detected => $"Detected: {Text("table")} {RecordKeyText.Display(Text("key") ?? "")} went {Text("transition")} (rule {Text("rule")}), for {Text("recipient")}",
            AuditKinds.Queued => $"Queued to send ({Text("segments")} segment(s), {Text("encoding")})",
            AuditKinds.Held => $"Held with its rule's poll: {Text("reason")}",
            AuditKinds.Quiet => $"Held for the person's quiet hours, until {When("until")}",
            AuditKinds.Attempt => Text("outcome") switch
            {
                "sent" => $"Attempt {Text("attempt")}: Twilio accepted it ({Text("messageSid")})",
                "permanent" => $"Attempt {Text("attempt")}: Twilio refused it for good: {Error()}",
                "failed" => $"Attempt {Text("attempt")}: {Error()}; no attempts left, so it failed",
                "transient" => $"Attempt {Text("attempt")}: {Error()}; next try {When("nextAttemptAt")}",
                "in-doubt" => $"Attempt {Text("attempt")}: no answer from Twilio ({Text("errorMessage")}); checked before any resend, next look {When("nextAttemptAt")}",
                var other => $"Attempt {Text("attempt")}: {other}",
            },
            AuditKinds.StatusCallback => $"Twilio reported it {Text("status")}" + (Code() is { } code ? $": {code}" : "")
                + (Text("applied") == "false" ? " (older news, not applied)" : ""),
            AuditKinds.Replay => $"Replayed by {line.Actor}: {Text("reason") ?? "no reason given"} (was {Text("previousState")})",
            AuditKinds.Released => $"Released from its rule's hold by {line.Actor}: {Text("reason")}",
            AuditKinds.Discarded => $"Discarded from its rule's hold by {line.Actor}: {Text("reason")}",
            AuditKinds.Suppressed => $"Not sent: {(Text("reason") == "opted-out" ? "the number opted out (lift it on Opt-outs, and the person must text START)" : Text("reason"))}",
            AuditKinds.Expired => $"Not sent: it waited longer than its validity ({Text("validity")})",
            AuditKinds.RenderFailed => $"Its text could not be made: {Text("reason")}",
            _ => line.Kind,
        };
    }

    private static JsonDocument? TryParse(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(detail);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
