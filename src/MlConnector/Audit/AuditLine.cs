namespace MlConnector.Audit;

/// <summary>One audit line as the dashboard, the API and the export show it (sealed detail left out).</summary>
public sealed record AuditLine(long Id, string Company, long? AlertId, DateTimeOffset At, string Kind, string Actor, string? Detail);
