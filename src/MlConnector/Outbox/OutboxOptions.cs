using System.ComponentModel.DataAnnotations;

namespace MlConnector.Outbox;

/// <summary>Dispatcher settings (section <c>Outbox</c>). Retry and rate settings are Twilio's (section <c>Twilio</c>).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>The longest an idle dispatcher goes without looking for due alerts (50 milliseconds to 1 minute). It
    /// looks at once when a poll, a replay or a released hold makes alerts due in this process, and when a retry or
    /// an expired claim falls due; this bounds how late it sees an alert made due by another process (a replay from the
    /// command line).</summary>
    /// <value>The default is 00:00:05.</value>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

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

    /// <summary>How long a sent alert waits for news from Twilio before its delivery status is fetched (status callbacks
    /// posted while no instance was up are lost); each later fetch waits twice as long as the one before (1 minute to
    /// 1 day).</summary>
    /// <value>The default is 00:15:00.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan StatusCheckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many status fetches per alert; 0 turns fetching off (0 to 20). With the defaults the last
    /// of 6 fetches comes about 16 hours after the send.</summary>
    /// <value>The default is 6.</value>
    [Range(0, 20)]
    public int StatusChecks { get; set; } = 6;
}
