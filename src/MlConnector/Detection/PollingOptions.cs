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

    /// <summary>How long a rule's lease outlives its cadence; when instances share a database, another instance
    /// takes a rule over this long after its holder stopped (1 second to 1 hour).</summary>
    /// <value>The default is 00:01:00.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a lookup that SYSPRO refused for a lasting reason (an entity set or table it lacks, e.g. no
    /// InvBuyer) is not asked again; texts go out without its fields meanwhile (1 second to 1 day).</summary>
    /// <value>The default is 01:00:00.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LookupRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>This instance's name in leases and poll records.</summary>
    /// <value>The default is the machine name and the process id.</value>
    [MaxLength(200)]
    public string? InstanceId { get; set; }
}
