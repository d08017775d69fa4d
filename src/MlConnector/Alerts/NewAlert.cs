namespace MlConnector.Alerts;

/// <summary>An alert about to be enqueued: the plaintext stays in memory; the store encrypts phone and body.</summary>
public sealed record NewAlert(
    string CompanyId,
    string RuleId,
    string SourceTable,
    string SourceKey,
    string Transition,
    string ContentFingerprint,
    string RecipientId,
    string Phone,
    string Body,
    int Segments,
    string Encoding,
    string? RenderError,
    bool Truncated = false)
{
    /// <summary>Unique per (company): rule, record, transition, a hash of the record's content as it made the
    /// transition (<see cref="ContentFingerprint"/>), and recipient.</summary>
    public string Key => $"{RuleId}|{SourceKey}|{Transition}|{ContentFingerprint}|{RecipientId}";
}
