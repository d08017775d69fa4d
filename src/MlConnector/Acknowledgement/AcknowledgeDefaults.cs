namespace MlConnector.Acknowledgement;

/// <summary>The site-wide default of the acknowledgement window (<c>Acknowledge:Window</c>).</summary>
public sealed class AcknowledgeDefaults
{
    public const string SectionName = "Acknowledge";

    /// <summary>How long an event can be acknowledged. <value>The default is 1.00:00:00 (24 hours).</value></summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);
}
