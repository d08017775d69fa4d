using MlConnector.Audit;

namespace MlConnector.Alerts;

/// <summary>What the alert list is narrowed by; every part is optional. Phone is looked up through the blind index.
/// <paramref name="Acknowledgement"/>: <c>waiting</c> (texts of events nobody has acknowledged yet, still open) or
/// <c>acknowledged</c>.</summary>
public sealed record AlertFilter(
    string? State = null,
    string? Rule = null,
    string? Company = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Phone = null,
    int Page = 1,
    int PageSize = 50,
    string? Acknowledgement = null,
    string? Record = null,
    string? Person = null,
    string? Text = null)
{
    public const string Waiting = "waiting";
    public const string Acknowledged = "acknowledged";
}

/// <summary>One alert in a list. For a rule that asks for acknowledgement: the event's <paramref name="AckReference"/>,
/// this alert's <paramref name="AckRole"/> (original, escalation, reminder or confirmation), when and by whom (directory
/// id) the event was acknowledged, and the alert an escalation escalates.</summary>
public sealed record AlertSummary(
    long Id, string Company, string Rule, string SourceTable, string SourceKey, string Transition, string RecipientId,
    string Phone, string State, int Attempts, int? ErrorCode, string? ErrorMessage, string? MessageSid, string? DeliveryStatus,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? NextAttemptAt,
    string? AckReference = null, string? AckRole = null, DateTimeOffset? AcknowledgedAt = null, string? AcknowledgedBy = null,
    long? EscalationOf = null);

public sealed record AlertPage(IReadOnlyList<AlertSummary> Items, int Page, int PageSize, long Total)
{
    public int Pages => Total == 0 ? 1 : (int)((Total + PageSize - 1) / PageSize);
}

/// <summary>One alert with its decrypted body, the SYSPRO fields it was rendered from, and its whole audit trail.
/// <paramref name="EventAlerts"/>: for a text of an event that asks for acknowledgement, every text of that event in
/// order (the originals, reminders, each escalation with the alert it escalates, the confirmations): the chain.</summary>
public sealed record AlertDetail(
    AlertSummary Alert, string Body, int Segments, string Encoding,
    IReadOnlyDictionary<string, string?> SourceRecord, IReadOnlyList<AuditLine> Timeline,
    IReadOnlyList<AlertSummary>? EventAlerts = null);

public sealed record StateCount(string State, long Count);
