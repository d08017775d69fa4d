using MlConnector.Recipients;

namespace MlConnector.Rules;

/// <summary>One escalation step, validated: after how long, and to whom.</summary>
public sealed record EscalationStep(TimeSpan After, RecipientRuleOptions To);

/// <summary>A rule's validated acknowledgement settings: the window (null: the site's Acknowledge:Window), the
/// escalation chain in order, and the reminders (null: none).</summary>
public sealed record AcknowledgePolicy(TimeSpan? Window, IReadOnlyList<EscalationStep> Escalations, TimeSpan? ReminderEvery, int ReminderMax)
{
    public const int MaxChain = 5;

    /// <summary>Validates <paramref name="o"/>; each problem goes to <paramref name="error"/> as (setting below
    /// Acknowledge, message). Null when there is a problem.</summary>
    public static AcknowledgePolicy? From(AcknowledgeOptions o, Action<string, string> error)
    {
        var ok = true;
        void Require(bool condition, string key, string message)
        {
            if (!condition)
            {
                error(key, message);
                ok = false;
            }
        }

        Require(o.Window is null || o.Window >= TimeSpan.FromMinutes(1), "Window", $"must be at least 00:01:00 (it is {o.Window}).");
        var steps = new List<EscalationStep>();
        var path = "Escalate";
        for (var step = o.Escalate; step is not null; step = step.Then, path += ":Then")
        {
            Require(steps.Count < MaxChain, path, $"an escalation chain has at most {MaxChain} steps.");
            Require(step.After is { } after && after >= TimeSpan.Zero, $"{path}:After",
                "must say how long to wait, e.g. 00:30:00 (00:00:00 escalates as soon as the text is sent).");
            Require(step.To is { } to && (to.People is { Count: > 0 } || to.Groups is { Count: > 0 }), $"{path}:To",
                "must name People or Groups of the directory to text.");
            Require(step.To is not { RouteBy.Count: > 0 } && step.To is not { Thresholds.Count: > 0 }, $"{path}:To",
                "takes People and Groups only (an escalation has no record to route by).");
            if (!ok || steps.Count >= MaxChain)
            {
                break;
            }

            steps.Add(new EscalationStep(step.After!.Value, step.To!));
        }

        var reminders = o.Reminders;
        Require(reminders is null || reminders.Every >= TimeSpan.FromMinutes(1), "Reminders:Every",
            "must be at least 00:01:00, e.g. 00:10:00.");
        Require(reminders?.Max is null or (>= 1 and <= 20), "Reminders:Max", $"must be 1 to 20 (it is {reminders?.Max}).");
        return ok ? new AcknowledgePolicy(o.Window, steps, reminders?.Every, reminders?.Max ?? 3) : null;
    }
}
