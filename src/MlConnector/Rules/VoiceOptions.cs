namespace MlConnector.Rules;

/// <summary>A rule's voice calls (<c>Rules:{id}:Voice</c>): for what cannot wait, a call reads the alert's text and a
/// keypress (1) acknowledges it.</summary>
public sealed class VoiceOptions
{
    /// <summary><c>failed</c>: call when a text failed (failed or undelivered); <c>not-acknowledged</c>: call when nobody
    /// acknowledged the event (needs Acknowledge).</summary>
    [Settings.OneOf(VoicePolicy.Failed, VoicePolicy.NotAcknowledged)]
    public string? When { get; set; }

    /// <summary>How long after the text failed, or after it was sent without an acknowledgement.
    /// <value>The default is 00:15:00.</value></summary>
    public TimeSpan? After { get; set; }
}

/// <summary>A rule's validated voice setting.</summary>
public sealed record VoicePolicy(string When, TimeSpan After)
{
    public const string Failed = "failed";
    public const string NotAcknowledged = "not-acknowledged";

    public static VoicePolicy? From(VoiceOptions o, bool acknowledges, Action<string, string> error)
    {
        var when = o.When?.Trim().ToLowerInvariant();
        if (when is not (Failed or NotAcknowledged))
        {
            error("When", $"must be {Failed} or {NotAcknowledged}" + (o.When is null ? "." : $" (it is '{o.When}')."));
            return null;
        }

        if (when == NotAcknowledged && !acknowledges)
        {
            error("When", $"{NotAcknowledged} needs Acknowledge on the rule: nothing can be acknowledged otherwise.");
            return null;
        }

        if (o.After is { } after && (after < TimeSpan.Zero || after > TimeSpan.FromDays(1)))
        {
            error("After", $"must be from 00:00:00 to 1.00:00:00 (it is {after}).");
            return null;
        }

        return new VoicePolicy(when, o.After ?? TimeSpan.FromMinutes(15));
    }
}
