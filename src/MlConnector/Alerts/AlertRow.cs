namespace MlConnector.Alerts;

/// <summary>An alerts row as Dapper reads it (property setters convert INTEGER/BIGINT alike on both dialects).</summary>
internal sealed class AlertRow
{
    public const string Columns =
        """
        id AS Id, company_id AS CompanyId, rule_id AS RuleId, source_table AS SourceTable, source_key AS SourceKey,
        transition AS Transition, recipient_id AS RecipientId, recipient_phone AS RecipientPhone, state AS State,
        attempts AS Attempts, error_code AS ErrorCode, error_message AS ErrorMessage, message_sid AS MessageSid,
        delivery_status AS DeliveryStatus, created_at AS CreatedAt, updated_at AS UpdatedAt, next_attempt_at AS NextAttemptAt,
        escalation_of AS EscalationOf, ack_role AS AckRole,
        (SELECT e.acknowledged_at FROM ack_events e WHERE e.id = alerts.ack_event_id) AS AcknowledgedAt,
        (SELECT e.acknowledged_by FROM ack_events e WHERE e.id = alerts.ack_event_id) AS AcknowledgedBy,
        (SELECT e.reference FROM ack_events e WHERE e.id = alerts.ack_event_id) AS AckReference
        """;

    public long Id { get; set; }
    public string CompanyId { get; set; } = "";
    public string RuleId { get; set; } = "";
    public string SourceTable { get; set; } = "";
    public string SourceKey { get; set; } = "";
    public string Transition { get; set; } = "";
    public string RecipientId { get; set; } = "";
    public byte[] RecipientPhone { get; set; } = [];
    public string State { get; set; } = "";
    public long Attempts { get; set; }
    public long? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public string? MessageSid { get; set; }
    public string? DeliveryStatus { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long? NextAttemptAt { get; set; }
    public long? EscalationOf { get; set; }
    public string? AckRole { get; set; }
    public long? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AckReference { get; set; }
    public byte[]? Body { get; set; }
    public long Segments { get; set; }
    public string? Encoding { get; set; }
}
