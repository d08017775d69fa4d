using System.ComponentModel.DataAnnotations;

namespace MlConnector.Detection;

/// <summary>The polling loop (<c>Polling</c>).</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>Whether rules poll on their cadence.</summary>
    /// <value>The default is true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The longest random delay before a rule's first poll, so rules do not all hit SYSPRO at once (never
    /// more than the rule's cadence; at most a day).</summary>
    /// <value>The default is 00:00:30.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StartJitter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often this instance says it is alive: it renews the leases of the rules it polls, and its row among
    /// the running instances.</summary>
    /// <value>The default is 00:00:05.</value>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a lookup that SYSPRO refused for a lasting reason (an entity set or table it lacks, e.g. no
    /// InvBuyer) is not asked again; texts go out without its fields meanwhile (1 second to 1 day).</summary>
    /// <value>The default is 01:00:00.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LookupRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a rule that reads only the rows changed since its last poll (by its table's rowversion,
    /// <c>TimeStamp</c>) reads its whole working set anyway: a row committed late with a rowversion older than one
    /// already read, and a change a rowversion cannot show (a SYSPRO database restored from a backup), are found then.
    /// 00:00:00 reads the whole working set at every poll. A rule may set its own (<c>Rules:{id}:FullReadEvery</c>).
    /// At most 7 days.</summary>
    /// <value>The default is 01:00:00.</value>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan FullReadEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a rule's lease lasts without a heartbeat. When instances share a database, another instance takes
    /// a rule over this long after its holder died (at once after a clean stop); an instance that finds a rule held
    /// tries again after this long rather than a whole cadence. At least twice HeartbeatInterval.</summary>
    /// <value>The default is 00:00:15.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>This instance's name in leases and poll records. Two running processes may not share one: the second
    /// refuses to start (exit 2); a process restarting under its id takes over what its dead predecessor held.</summary>
    /// <value>The default is the machine name, the process id and a random suffix (new at every start).</value>
    [MaxLength(200)]
    public string? InstanceId { get; set; }
}
