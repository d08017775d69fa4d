using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Templates;

namespace MlConnector.Tests.Rules;

/// <summary>A rule's Acknowledge settings: checked at start, each problem named by its setting.</summary>
public sealed class AcknowledgeSettingsTests
{
    private static (IReadOnlyList<RuleDefinition> Rules, IReadOnlyList<string> Errors) Build(AcknowledgeOptions acknowledge) =>
        RuleCatalog.Build(new Dictionary<string, RuleOptions>
        {
            [RulePresets.PoSubmitted] = new()
            {
                Recipients = new RecipientRuleOptions { Groups = ["approvers"] },
                Acknowledge = acknowledge,
            },
        }, _ => SysproTransport.OData, new RecipientDirectory(new DirectoryOptions
        {
            People =
            {
                ["jane"] = new PersonOptions { Name = "Jane", Phone = "+15550100001", Groups = ["approvers"] },
                ["bo"] = new PersonOptions { Name = "Bo", Phone = "+15550100002", Groups = ["backups"] },
            },
        }, out _), new TemplateRenderer());

    [Fact]
    public void AChainOfTwoWithReminders_IsReadInOrder()
    {
        var (rules, errors) = Build(new AcknowledgeOptions
        {
            Escalate = new EscalationOptions
            {
                After = TimeSpan.FromMinutes(30),
                To = new RecipientRuleOptions { People = ["bo"] },
                Then = new EscalationOptions { After = TimeSpan.FromMinutes(15), To = new RecipientRuleOptions { Groups = ["approvers"] } },
            },
            Reminders = new ReminderOptions { Every = TimeSpan.FromMinutes(10) },
        });

        Assert.Empty(errors);
        var policy = Assert.Single(rules).Acknowledge!;
        Assert.Equal([TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15)], policy.Escalations.Select(s => s.After));
        Assert.Equal((TimeSpan.FromMinutes(10), 3), (policy.ReminderEvery!.Value, policy.ReminderMax));
        Assert.Null(policy.Window);
    }

    [Fact]
    public void AnEscalationToSomeoneNotInTheDirectory_NamesTheStep()
    {
        var (_, errors) = Build(new AcknowledgeOptions
        {
            Escalate = new EscalationOptions
            {
                After = TimeSpan.FromMinutes(30),
                To = new RecipientRuleOptions { People = ["bo"] },
                Then = new EscalationOptions { After = TimeSpan.FromMinutes(15), To = new RecipientRuleOptions { People = ["nobody"] } },
            },
        });

        Assert.Equal(["Rules:po-submitted:Acknowledge:Escalate:Then:To: People: 'nobody' is not in Directory:People."], errors);
    }

    [Fact]
    public void MissingAfterAndRecipients_RouteByAndBadReminders_AreEachNamed()
    {
        var (rules, errors) = Build(new AcknowledgeOptions
        {
            Window = TimeSpan.FromSeconds(5),
            Escalate = new EscalationOptions { To = new RecipientRuleOptions { RouteBy = ["Buyer"] } },
            Reminders = new ReminderOptions { Every = TimeSpan.FromSeconds(30), Max = 0 },
        });

        Assert.Empty(rules);
        Assert.Equal(
        [
            "Rules:po-submitted:Acknowledge:Window: must be at least 00:01:00 (it is 00:00:05).",
            "Rules:po-submitted:Acknowledge:Escalate:After: must say how long to wait, e.g. 00:30:00 (00:00:00 escalates as soon as the text is sent).",
            "Rules:po-submitted:Acknowledge:Escalate:To: must name People or Groups of the directory to text.",
            "Rules:po-submitted:Acknowledge:Escalate:To: takes People and Groups only (an escalation has no record to route by).",
            "Rules:po-submitted:Acknowledge:Reminders:Every: must be at least 00:01:00, e.g. 00:10:00.",
            "Rules:po-submitted:Acknowledge:Reminders:Max: must be 1 to 20 (it is 0).",
        ], errors);
    }
}
