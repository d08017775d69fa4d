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
}
