namespace MlConnector.Alerts;

/// <summary>An alert about to be enqueued: the plaintext stays in memory; the store encrypts phone and body.</summary>
public sealed record NewAlert(
    string CompanyId,
    string RuleId,
    string SourceTable,
    string SourceKey,
    string Transition,
    string Occurrence,
    string RecipientId,
    string Phone,
    string Body,
    int Segments,
    string Encoding,
    string? RenderError,
    bool Truncated = false)
{
    /// <summary>Unique per (company): rule, record, transition, this occurrence of it, and recipient.</summary>
    public string Key => $"{RuleId}|{SourceKey}|{Transition}|{Occurrence}|{RecipientId}";
}
