using MlConnector.Recipients;

namespace MlConnector.Rules;

/// <summary>A rule's two-way texts (<c>Rules:{id}:Acknowledge</c>): each event's texts end with
/// " Reply OK XXXX to confirm."; the first reply closes the event for all its recipients.</summary>
public sealed class AcknowledgeOptions
{
    /// <summary>How long an event can be acknowledged (and a bare "OK" finds it) after it was detected; escalations and
    /// reminders stop when it ends. <value>The default is Acknowledge:Window, 1.00:00:00 unless set.</value></summary>
    public TimeSpan? Window { get; set; }

    /// <summary>Who is texted when nobody acknowledges in time.</summary>
    public EscalationOptions? Escalate { get; set; }

    /// <summary>The same text again to the same people until someone acknowledges.</summary>
    public ReminderOptions? Reminders { get; set; }
}

/// <summary>One step of an escalation chain.</summary>
public sealed class EscalationOptions
{
    /// <summary>How long after the previous step's first text was sent (a text that failed escalates at once).</summary>
    public TimeSpan? After { get; set; }

    /// <summary>Who gets this step's text: People and Groups of the directory.</summary>
    public RecipientRuleOptions? To { get; set; }

    /// <summary>The next step, when this one is not acknowledged either.</summary>
    public EscalationOptions? Then { get; set; }
}

public sealed class ReminderOptions
{
    /// <summary>The time between reminders, counted from the first text sent.</summary>
    public TimeSpan? Every { get; set; }

    /// <summary>At most this many reminders. <value>The default is 3.</value></summary>
    public int? Max { get; set; }
}
