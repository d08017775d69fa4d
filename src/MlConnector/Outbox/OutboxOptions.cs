using System.ComponentModel.DataAnnotations;

namespace MlConnector.Outbox;

/// <summary>Dispatcher settings (section <c>Outbox</c>). Retry and rate settings are Twilio's (section <c>Twilio</c>).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the dispatcher looks for due alerts when idle (50 milliseconds to 1 minute).</summary>
    /// <value>The default is 00:00:01.</value>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed alert stays reserved without a heartbeat; a dead process's claim expires after it.
    /// While an attempt runs, its lease is renewed every third of this. At least twice Twilio:RequestTimeout (10 seconds
    /// to 1 hour).</summary>
    /// <value>The default is 00:02:00.</value>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Sends in flight at once (1 to 64).</summary>
    /// <value>The default is 4.</value>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;
}
