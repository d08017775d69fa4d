namespace MlConnector.Outbox;

/// <summary>Dispatcher settings (section <c>Outbox</c>). Retry and rate settings are Twilio's (section <c>Twilio</c>).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <value>How often the dispatcher looks for due alerts when idle. The default is 1 second.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>
    /// How long a claimed alert stays reserved without a heartbeat; a dead process's claim expires after it. While an
    /// attempt runs, its lease is renewed every third of this. At least twice Twilio:RequestTimeout. The default is 2 minutes.
    /// </value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <value>Sends in flight at once. The default is 4.</value>
    public int MaxConcurrency { get; set; } = 4;
}
