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

    /// <summary>How often this instance says it is alive: it renews the leases of the rules it polls, and its row among
    /// the running instances. <value>The default is 5 seconds.</value></summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a rule's lease lasts without a heartbeat. When instances share a database, another instance takes
    /// a rule over this long after its holder died (at once after a clean stop); an instance that finds a rule held
    /// tries again after this long rather than a whole cadence. At least twice <see cref="HeartbeatInterval"/>.
    /// <value>The default is 15 seconds.</value></summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>This instance's name in leases and poll records. Two running processes may not share one: the second
    /// refuses to start (exit 2); a process restarting under its id takes over what its dead predecessor held.
    /// <value>The default is machine name, process id and a random suffix (new at every start).</value></summary>
    public string? InstanceId { get; set; }
}
