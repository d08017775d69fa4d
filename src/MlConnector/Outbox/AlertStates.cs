namespace MlConnector.Outbox;

/// <summary>An alert's life: pending -> sending -> sent -> delivered | undelivered; or failed (permanent error or
/// attempts used up), suppressed (opted out), expired (too old to send).</summary>
public static class AlertStates
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Undelivered = "undelivered";
    public const string Failed = "failed";
    public const string Suppressed = "suppressed";
    public const string Expired = "expired";
}
