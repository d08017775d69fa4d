namespace MlConnector.Acknowledgement;

internal static partial class Log
{
    [LoggerMessage(EventId = 7001, EventName = "Escalated", Level = LogLevel.Information,
        Message = "Event {Reference} of rule {RuleId}: nobody acknowledged; escalation step {Step} texts {Recipients} people")]
    public static partial void Escalated(this ILogger logger, string reference, string ruleId, int step, int recipients);

    [LoggerMessage(EventId = 7002, EventName = "Reminded", Level = LogLevel.Information,
        Message = "Event {Reference} of rule {RuleId}: reminder {Reminder} of {Max} to {Recipients} people")]
    public static partial void Reminded(this ILogger logger, string reference, string ruleId, int reminder, int max, int recipients);

    [LoggerMessage(EventId = 7003, EventName = "AcknowledgeTimersFailed", Level = LogLevel.Error,
        Message = "Acknowledgement timers: a round failed; trying again at the next")]
    public static partial void TimersFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7004, EventName = "AcknowledgeRuleGone", Level = LogLevel.Warning,
        Message = "Event {Reference}: rule {RuleId} no longer asks for acknowledgement (removed or changed); its escalations and reminders stop")]
    public static partial void RuleGone(this ILogger logger, string reference, string ruleId);

    [LoggerMessage(EventId = 7005, EventName = "EscalationStepPassedOver", Level = LogLevel.Warning,
        Message = "Event {Reference} of rule {RuleId}: everyone of escalation step {Step} skips this rule (SkipRules); the step is passed over and the next one texted")]
    public static partial void StepPassedOver(this ILogger logger, string reference, string ruleId, int step);
}
