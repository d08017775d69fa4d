using MlConnector.Audit;
using MlConnector.Rules;

namespace MlConnector.IntegrationTests.TwoWay;

/// <summary>Escalation and reminders (issue 16): after the timeout a backup is texted (a new alert with escalationOf
/// set), chains step by step, reminders stop at acknowledgement, and restarts neither lose nor repeat a step.</summary>
public sealed class EscalationTests
{
    [Fact]
    public async Task NobodyReplies_TheBackupIsTextedAfterTheTimeout_AsAnEscalationOfTheOriginal()
    {
        await using var h = await TwoWayHarness.StartAsync(null, ("Escalate:After", "00:30:00"), ("Escalate:To:People:0", "backup"));
        var original = await h.ApprovePurchaseOrderAsync();
        var reference = TwoWayHarness.ReferenceOf(h.TextsTo(TwoWayHarness.Buyer)[0]);

        await h.PassAsync(TimeSpan.FromMinutes(29));
        Assert.Empty(h.TextsTo(TwoWayHarness.Backup));
        await h.PassAsync(TimeSpan.FromMinutes(1.5));
        await h.DriveUntilTextsAsync(TwoWayHarness.Backup, 1);

        var text = Assert.Single(h.TextsTo(TwoWayHarness.Backup));
        Assert.StartsWith("Not yet confirmed by Pat Procurement: PO ", text, StringComparison.Ordinal);
        Assert.EndsWith($" Reply OK {reference} to confirm.", text, StringComparison.Ordinal);
        var escalation = (await h.EventAlertsAsync()).Single(a => a.Role == "escalation");
        Assert.Equal(original.Id, escalation.EscalationOf);
        Assert.Equal(original.Id, (await h.ApiAlertAsync(escalation.Id)).GetProperty("escalationOf").GetInt64());
        Assert.Contains(AuditKinds.Escalated, await h.AuditKindsAsync(escalation.Id));

        // The backup acknowledges: the event is closed for the buyer too.
        await h.ReplyAsync(TwoWayHarness.Backup, $"OK {reference}");
        await h.DriveUntilTextsAsync(TwoWayHarness.Backup, 2);
        Assert.Equal("backup", (await h.ApiAlertAsync(original.Id)).GetProperty("acknowledgedBy").GetString());
        Assert.Contains(AuditKinds.Acknowledged, await h.AuditKindsAsync(original.Id));
    }

    [Fact]
    public async Task AChainOfTwo_TheSecondStepCountsFromTheFirstEscalationsSend_AndTheChainEnds()
    {
        await using var h = await TwoWayHarness.StartAsync(null,
            ("Escalate:After", "00:30:00"), ("Escalate:To:People:0", "backup"),
            ("Escalate:Then:After", "00:15:00"), ("Escalate:Then:To:Groups:0", "seconds"));
        await h.ApprovePurchaseOrderAsync();

        await h.PassAsync(TimeSpan.FromMinutes(31));
        await h.DriveUntilTextsAsync(TwoWayHarness.Backup, 1);
        Assert.Single(h.TextsTo(TwoWayHarness.Backup));
        await h.PassAsync(TimeSpan.FromMinutes(13));
        Assert.Empty(h.TextsTo(TwoWayHarness.Second));
        await h.PassAsync(TimeSpan.FromMinutes(3));
        await h.DriveUntilTextsAsync(TwoWayHarness.Second, 1);
        var text = Assert.Single(h.TextsTo(TwoWayHarness.Second));
        Assert.StartsWith("Not yet confirmed by Bo Backup: PO ", text, StringComparison.Ordinal);

        await h.PassAsync(TimeSpan.FromMinutes(60));
        Assert.Equal(3, h.Side.Twilio!.Messages.Count(m => m.Direction != "inbound"));
        var alerts = await h.EventAlertsAsync();
        Assert.Equal(alerts.Single(a => a.Recipient == "backup").Id, alerts.Single(a => a.Recipient == "second").EscalationOf);
        var chain = (await h.ApiGetAsync($"/api/alerts/{alerts.Single(a => a.Recipient == "second").Id}")).GetProperty("eventAlerts")
            .EnumerateArray().Select(e => (e.GetProperty("ackRole").GetString(), e.GetProperty("recipientId").GetString())).ToList();
        Assert.Equal([("original", "buyer"), ("escalation", "backup"), ("escalation", "second")], chain);
    }

    [Fact]
    public async Task AStepWhoseEveryRecipientSkipsTheRule_IsPassedOver_TheNextStepIsTextedWhenItFellDue()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, [("Directory:People:backup:SkipRules:0", RulePresets.PoApproved)],
            ("Escalate:After", "00:30:00"), ("Escalate:To:People:0", "backup"),
            ("Escalate:Then:After", "00:15:00"), ("Escalate:Then:To:Groups:0", "seconds"));
        var original = await h.ApprovePurchaseOrderAsync();

        await h.PassAsync(TimeSpan.FromMinutes(31));
        await h.DriveUntilTextsAsync(TwoWayHarness.Second, 1);

        Assert.Empty(h.TextsTo(TwoWayHarness.Backup));
        Assert.StartsWith("Not yet confirmed by Pat Procurement: PO ", Assert.Single(h.TextsTo(TwoWayHarness.Second)), StringComparison.Ordinal);
        var escalation = (await h.EventAlertsAsync()).Single(a => a.Role == "escalation");
        Assert.Equal(original.Id, escalation.EscalationOf);
        // The chain ends with the last step: nothing more, however long nobody answers.
        await h.PassAsync(TimeSpan.FromMinutes(60));
        Assert.Equal(2, h.Side.Twilio!.Messages.Count(m => m.Direction != "inbound"));
    }

    [Fact]
    public async Task Reminders_RepeatEveryInterval_AndStopAtAcknowledgement()
    {
        await using var h = await TwoWayHarness.StartAsync(null, ("Reminders:Every", "00:10:00"), ("Reminders:Max", "3"));
        await h.ApprovePurchaseOrderAsync();
        var reference = TwoWayHarness.ReferenceOf(h.TextsTo(TwoWayHarness.Buyer)[0]);

        await h.PassAsync(TimeSpan.FromMinutes(10.5));
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 2);
        Assert.Equal(2, h.TextsTo(TwoWayHarness.Buyer).Count);
        Assert.StartsWith("Reminder 1: PO ", h.TextsTo(TwoWayHarness.Buyer)[1], StringComparison.Ordinal);
        Assert.EndsWith($" Reply OK {reference} to confirm.", h.TextsTo(TwoWayHarness.Buyer)[1], StringComparison.Ordinal);
        await h.PassAsync(TimeSpan.FromMinutes(10));
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 3);
        Assert.Equal(3, h.TextsTo(TwoWayHarness.Buyer).Count);

        await h.ReplyAsync(TwoWayHarness.Buyer, "ok");
        await h.PassAsync(TimeSpan.FromMinutes(30));
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 4);
        var texts = h.TextsTo(TwoWayHarness.Buyer);
        Assert.Equal(4, texts.Count); // the original, two reminders, the confirmation: the third reminder never went
        Assert.Equal($"Thank you: {reference} is confirmed.", texts[3]);
    }

    [Fact]
    public async Task Reminders_StopAtMax()
    {
        await using var h = await TwoWayHarness.StartAsync(null, ("Reminders:Every", "00:10:00"), ("Reminders:Max", "2"));
        await h.ApprovePurchaseOrderAsync();

        await h.PassAsync(TimeSpan.FromMinutes(60));
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 3);

        Assert.Equal(3, h.TextsTo(TwoWayHarness.Buyer).Count);
    }

    [Fact]
    public async Task ARestartBetweenReminders_LosesNoneAndRepeatsNone()
    {
        await using var h = await TwoWayHarness.StartAsync(null, ("Reminders:Every", "00:10:00"), ("Reminders:Max", "3"));
        await h.ApprovePurchaseOrderAsync();
        await h.PassAsync(TimeSpan.FromMinutes(10.5));
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 2);

        // Down for 25 minutes: the second and third reminders fell due; each goes once after the restart.
        await h.RestartAsync(crash: true, () => h.Side.Time.Advance(TimeSpan.FromMinutes(25)));
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 4);
        await h.PassAsync(TimeSpan.FromMinutes(30));

        Assert.Equal(["Reminder 1: ", "Reminder 2: ", "Reminder 3: "], h.TextsTo(TwoWayHarness.Buyer).Skip(1).Select(t => t[..12]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARestartWhileTheTimerRuns_EscalatesOnceAfterIt(bool crash)
    {
        await using var h = await TwoWayHarness.StartAsync(null, ("Escalate:After", "00:30:00"), ("Escalate:To:People:0", "backup"));
        await h.ApprovePurchaseOrderAsync();
        await h.PassAsync(TimeSpan.FromMinutes(10));

        // Down for 40 minutes: the escalation fell due while no instance ran.
        await h.RestartAsync(crash, () => h.Side.Time.Advance(TimeSpan.FromMinutes(40)));
        await h.DriveUntilTextsAsync(TwoWayHarness.Backup, 1);
        await h.RestartAsync(crash);
        await h.PassAsync(TimeSpan.FromMinutes(30));

        Assert.Single(h.TextsTo(TwoWayHarness.Backup));
    }
}

/// <summary>Events texted to several people, failed texts, and two instances on PostgreSQL.</summary>
public sealed class EscalationEdgeTests
{
    [Fact]
    public async Task AnEventTextedToTwoPeople_HasOneReference_AndEitherAcknowledgementClosesItForBoth()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, [($"Rules:{Rules.RulePresets.PoApproved}:Recipients:Groups:1", "backups")],
            ("Escalate:After", "00:30:00"), ("Escalate:To:Groups:0", "seconds"));
        await h.ApprovePurchaseOrderAsync();
        await h.DriveUntilTextsAsync(TwoWayHarness.Backup, 1);
        var reference = TwoWayHarness.ReferenceOf(h.TextsTo(TwoWayHarness.Buyer)[0]);
        Assert.Equal(reference, TwoWayHarness.ReferenceOf(h.TextsTo(TwoWayHarness.Backup)[0]));

        await h.ReplyAsync(TwoWayHarness.Backup, $"ok {reference}");
        await h.PassAsync(TimeSpan.FromMinutes(40));

        Assert.Empty(h.TextsTo(TwoWayHarness.Second));
        var originals = (await h.EventAlertsAsync()).Where(a => a.Role == "original").ToList();
        Assert.Equal(2, originals.Count);
        foreach (var original in originals)
        {
            Assert.Equal("backup", (await h.ApiAlertAsync(original.Id)).GetProperty("acknowledgedBy").GetString());
        }
    }

    [Fact]
    public async Task ATextThatIsNotDelivered_EscalatesAtOnce()
    {
        await using var h = await TwoWayHarness.StartAsync(null, ("Escalate:After", "00:30:00"), ("Escalate:To:People:0", "backup"));
        h.Side.Twilio!.Options.Outcomes[TwoWayHarness.Buyer] = global::MlConnector.Simulators.Twilio.DeliveryOutcome.Undelivered(30003);
        await h.ApprovePurchaseOrderAsync(until: Alerts.AlertStates.Undelivered);

        await h.PassAsync(TimeSpan.FromSeconds(20));
        await h.DriveUntilTextsAsync(TwoWayHarness.Backup, 1);

        Assert.Single(h.TextsTo(TwoWayHarness.Backup));
    }

    [Fact]
    public async Task TwoInstancesOnPostgres_EscalateAndRemindOnce()
    {
        await using var database = await StoreDatabase.ForAsync("postgres");
        await using var h = await TwoWayHarness.StartAsync(database!.ConnectionString,
            ("Escalate:After", "00:30:00"), ("Escalate:To:People:0", "backup"), ("Reminders:Every", "00:10:00"), ("Reminders:Max", "2"));
        await h.AddInstanceAsync();
        await h.ApprovePurchaseOrderAsync();

        await h.PassAsync(TimeSpan.FromMinutes(45));
        await h.DriveUntilTextsAsync(TwoWayHarness.Backup, 1);
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 3);

        Assert.Single(h.TextsTo(TwoWayHarness.Backup));
        Assert.Equal(3, h.TextsTo(TwoWayHarness.Buyer).Count);
    }
}
