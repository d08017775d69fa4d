namespace MlConnector.Alerts;

/// <summary>An alert the dispatcher holds a lease on (phone and body still encrypted).</summary>
public sealed class ClaimedAlert
{
    public long Id { get; init; }
    public string CompanyId { get; init; } = "";
    public string RuleId { get; init; } = "";
    public byte[] RecipientPhone { get; init; } = [];
    public string RecipientPhoneIndex { get; init; } = "";
    public byte[] Body { get; init; } = [];
    public long Attempts { get; init; }
    public long? MaxAttempts { get; init; }
    public long CreatedAt { get; init; }
    public long? ChainStartedAt { get; init; }
    public long? InDoubtSince { get; init; }

    /// <summary>The MessageSid a status callback for the send in doubt named (its URL carries the alert and send
    /// token), or null.</summary>
    public string? MessageSid { get; init; }

    /// <summary>Failed looks at Twilio's message list for the current doubt.</summary>
    public long LookupFailures { get; init; }

    /// <summary>This claim's fencing token: every write about the alert by this claim's holder names it.</summary>
    public long LeaseToken { get; init; }
}

/// <summary>What an attempt (or a decision not to send) leaves on the alert, and its audit line (none when
/// <see cref="AuditKind"/> is null: a repeated failed look at Twilio is logged, not audited).</summary>
public sealed record AttemptOutcome(
    string State,
    long Attempts,
    DateTimeOffset? NextAttemptAt,
    string? MessageSid,
    int? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset? InDoubtSince,
    string? AuditKind,
    string AuditDetail)
{
    /// <summary>Failed looks at Twilio's message list for the doubt this outcome leaves (0 for any other outcome).</summary>
    public long LookupFailures { get; init; }
}
