namespace MlConnector.Alerts;

/// <summary>An alert about to be enqueued: the plaintext stays in memory; the store encrypts phone and body.
/// <paramref name="Notes"/> are audit notes that go with it (e.g. a lookup that failed, leaving fields empty);
/// <paramref name="Acknowledgement"/> ties it to an event that asks for acknowledgement; an <paramref name="Urgent"/>
/// alert ignores its recipient's quiet hours; <paramref name="Occurrence"/> is the alert key when the alert is not
/// one of a poll's (a digest).</summary>
public sealed record NewAlert(
    string CompanyId,
    string RuleId,
    string SourceTable,
    string SourceKey,
    string Transition,
    string DetectionRun,
    string RecipientId,
    string Phone,
    string Body,
    int Segments,
    string Encoding,
    string? RenderError,
    bool Truncated = false,
    IReadOnlyList<string>? Notes = null,
    AckLink? Acknowledgement = null,
    bool Urgent = false,
    string? Occurrence = null)
{
    /// <summary>Unique per (company): one transition occurrence for one recipient: rule, record (verbatim), transition,
    /// the poll run that detected it (<see cref="DetectionRun"/>) and recipient. Never the record's content: a PO that
    /// is submitted, sent back and submitted again unchanged is two events; a re-read of the same state detects nothing.</summary>
    public string Key => Occurrence ?? Acknowledgement?.Key ?? $"{RuleId}|{SourceKey}|{Transition}|{DetectionRun}|{RecipientId}";
}

/// <summary>An alert's place in an acknowledged event: the event, its role (<see cref="AckRoles"/>), the escalation
/// step (0: the rule's own recipients), the alert it escalates, and the alert key when the role needs its own
/// (an escalation, a reminder or a confirmation is one per event, step and person, not per poll).</summary>
public sealed record AckLink(long? EventId, string Role, int Stage, long? EscalationOf = null, string? Key = null);

public static class AckRoles
{
    public const string Original = "original";
    public const string Escalation = "escalation";
    public const string Reminder = "reminder";
    public const string Confirmation = "confirmation";
}
