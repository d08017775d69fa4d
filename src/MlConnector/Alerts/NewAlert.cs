namespace MlConnector.Alerts;

/// <summary>An alert about to be enqueued: the plaintext stays in memory; the store encrypts phone and body.
/// <paramref name="Notes"/> are audit notes that go with it (e.g. a lookup that failed, leaving fields empty).</summary>
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
    IReadOnlyList<string>? Notes = null)
{
    /// <summary>Unique per (company): one transition occurrence for one recipient: rule, record (verbatim), transition,
    /// the poll run that detected it (<see cref="DetectionRun"/>) and recipient. Never the record's content: a PO that
    /// is submitted, sent back and submitted again unchanged is two events; a re-read of the same state detects nothing.</summary>
    public string Key => $"{RuleId}|{SourceKey}|{Transition}|{DetectionRun}|{RecipientId}";
}
