namespace MlConnector.Audit;

/// <summary>The kinds of audit entries, as stored: about an alert, then about the service and its operators.</summary>
public static class AuditKinds
{
    public const string Detected = "detected";
    public const string Rendered = "rendered";
    public const string RenderFailed = "render-failed";
    public const string Truncated = "truncated";
    public const string EnrichmentFailed = "enrichment-failed";
    public const string Queued = "queued";
    public const string Held = "held";
    public const string Quiet = "quiet";
    public const string Digested = "digested";
    public const string Released = "released";
    public const string Discarded = "discarded";
    public const string Attempt = "attempt";
    public const string StatusCallback = "status-callback";
    public const string Replay = "replay";
    public const string Suppressed = "suppressed";
    public const string Expired = "expired";
    public const string Inbound = "inbound";
    public const string Acknowledged = "acknowledged";
    public const string Escalated = "escalated";
    public const string Reminded = "reminded";
    public const string CallPlaced = "call-placed";
    public const string CallFailed = "call-failed";
    public const string CallCancelled = "call-cancelled";
    public const string CallStatus = "call-status";
    public const string ForgedWebhook = "forged-webhook";
    public const string OptOutLifted = "opt-out-lifted";
    public const string RulePaused = "rule-paused";
    public const string RuleResumed = "rule-resumed";
    public const string TestSms = "test-sms";
    public const string KeysRotated = "keys-rotated";
    public const string SignInLocked = "sign-in-locked";
    public const string UserAdded = "user-added";
    public const string UserRemoved = "user-removed";
    public const string UserPasswordSet = "user-password-set";
    public const string UserRoleSet = "user-role-set";
    public const string UserPhoneSet = "user-phone-set";
    public const string RecoveryCodesGenerated = "recovery-codes-generated";
    public const string RecoveryCodeUsed = "recovery-code-used";
    public const string ApiKeyCreated = "api-key-created";
    public const string ApiKeyRevoked = "api-key-revoked";
    public const string SessionEnded = "session-ended";
}

/// <summary>One append-only audit line. <see cref="Detail"/> is plain JSON without phone numbers or message text;
/// <see cref="SealedDetail"/> is encrypted.</summary>
public sealed record AuditEntry(
    string CompanyId,
    long? AlertId,
    DateTimeOffset At,
    string Kind,
    string Actor,
    string? Detail,
    byte[]? SealedDetail = null);
