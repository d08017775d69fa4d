namespace MlConnector.Alerts;

/// <summary>
/// The states of an alert, as stored in <c>alerts.state</c>: the one place their names are written. Which state may
/// follow which is <see cref="AlertTransitions"/>.
/// </summary>
public static class AlertStates
{
    /// <summary>Waiting for the dispatcher: new, retrying after a transient error, in doubt, replayed or released.</summary>
    public const string Pending = "pending";

    /// <summary>Detected by a poll that would have queued more alerts than its rule's <c>HoldAbove</c> (or while the
    /// rule had a hold): kept from the dispatcher until an operator releases (pending) or discards them.</summary>
    public const string Held = "held";

    /// <summary>For a person in their quiet hours (<c>Directory:People:{id}:QuietHours</c>): kept from the dispatcher
    /// until the hours end, then sent in one digest text with the person's other quiet alerts (digested).</summary>
    public const string Quiet = "quiet";

    /// <summary>Sent as part of a digest text at the end of the person's quiet hours (the digest is an alert of its own).</summary>
    public const string Digested = "digested";

    /// <summary>Twilio accepted the message (it has a MessageSid).</summary>
    public const string Sent = "sent";

    /// <summary>Twilio reported it delivered (or read).</summary>
    public const string Delivered = "delivered";

    /// <summary>Twilio reported it undelivered.</summary>
    public const string Undelivered = "undelivered";

    /// <summary>A permanent error, attempts used up, a text that did not render, or Twilio reported it failed.</summary>
    public const string Failed = "failed";

    /// <summary>Not sent: the number opted out (STOP).</summary>
    public const string Suppressed = "suppressed";

    /// <summary>Not sent: older than the validity period.</summary>
    public const string Expired = "expired";

    /// <summary>Not sent: an operator discarded the hold it was in.</summary>
    public const string Discarded = "discarded";

    /// <summary>Every state, in the order of an alert's life.</summary>
    public static IReadOnlyList<string> All { get; } = [Held, Quiet, Pending, Sent, Delivered, Undelivered, Failed, Suppressed, Expired, Discarded, Digested];
}
