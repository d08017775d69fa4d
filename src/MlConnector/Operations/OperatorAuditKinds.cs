namespace MlConnector.Operations;

/// <summary>Audit kinds written by the operator surface (alert-level kinds such as "replay" are in Audit/AuditKinds).</summary>
public static class OperatorAuditKinds
{
    public const string RulePaused = "rule-paused";
    public const string RuleResumed = "rule-resumed";
    public const string TestSms = "test-sms";
    public const string KeysRotated = "keys-rotated";
}
