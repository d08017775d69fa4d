namespace MlConnector.Detection;

/// <summary>The polling loop (<c>Polling</c>).</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>Whether rules poll on their cadence. <value>The default is true.</value></summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The longest random delay before a rule's first poll, so rules do not all hit SYSPRO at once.
    /// <value>The default is 30 seconds (never more than the rule's cadence).</value></summary>
    public TimeSpan StartJitter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a rule's lease outlives its cadence; when instances share a database, another instance
    /// takes a rule over this long after its holder stopped. <value>The default is 1 minute.</value></summary>
    public TimeSpan LeaseGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a lookup that SYSPRO refused for a lasting reason (an entity set or table it lacks, e.g. no
    /// InvBuyer) is not asked again; texts go out without its fields meanwhile. <value>The default is 1 hour.</value></summary>
    public TimeSpan LookupRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>This instance's name in leases and poll records. <value>The default is machine name and process id.</value></summary>
    public string? InstanceId { get; set; }
}
