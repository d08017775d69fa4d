using System.Data.Common;
using System.Text.Json;
using Dapper;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.Common;
using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Scheduling;
using MlConnector.Security;
using MlConnector.Storage;
using MlConnector.Templates;

namespace MlConnector.Acknowledgement;

/// <summary>
/// Escalations and reminders of events nobody has acknowledged. Nothing is kept in memory: each round reads the open
/// events, and an event's next step is due from what the store says (when the step's first text was sent, whether one
/// failed, how many reminders went), so a step that fell due while no instance ran is taken once after the restart.
/// Each step is claimed by moving the event's counter (stage or reminders) from the value read, in the transaction that
/// enqueues its texts, and their alert keys are one per event, step and person: with several instances, once.
/// </summary>
public sealed class AcknowledgementTimers(IDbDialect dialect, RuleSet rules, RecipientDirectory directory, FieldProtector protector,
    AlertEnqueuer enqueuer, AcknowledgedAlerts acknowledged, NewAlertsSignal newAlerts, TimeProvider time,
    ILogger<AcknowledgementTimers> logger) : BackgroundService
{
    /// <summary>How often open events are looked at: an escalation leaves at most this long after it is due.</summary>
    public static readonly TimeSpan Round = TimeSpan.FromSeconds(15);

    private static readonly string[] Failures = [AlertStates.Failed, AlertStates.Undelivered, AlertStates.Suppressed, AlertStates.Expired];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!rules.Rules.Any(r => r.Acknowledge is not null))
        {
            return; // no rule asks for acknowledgement: nothing to time (and no idle work)
        }

        await Rounds.RunAsync(Round, time, RunAsync, logger.TimersFailed, stoppingToken);
    }

    /// <summary>One round: every open event's due escalation and reminder.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<OpenEvent> open;
        await using (var connection = await dialect.OpenAsync(ct))
        {
            open = (await connection.QueryAsync<OpenEvent>(new CommandDefinition(
                $"""
                SELECT e.id AS Id, e.stage AS Stage,
                    (SELECT MIN(a.sent_at) FROM alerts a WHERE a.ack_event_id = e.id AND a.ack_stage = e.stage
                        AND a.ack_role IN ('{AckRoles.Original}', '{AckRoles.Escalation}')) AS StageSentAt,
                    (SELECT COUNT(*) FROM alerts a WHERE a.ack_event_id = e.id AND a.ack_stage = e.stage
                        AND a.ack_role IN ('{AckRoles.Original}', '{AckRoles.Escalation}')
                        AND a.state IN ({string.Join(", ", Failures.Select(f => $"'{f}'"))})) AS StageFailures,
                    (SELECT MIN(a.sent_at) FROM alerts a WHERE a.ack_event_id = e.id AND a.ack_role = '{AckRoles.Original}') AS FirstSentAt
                FROM ack_events e WHERE e.is_open = 1 AND e.open_until >= @Now
                ORDER BY e.id
                """, new { Now = now.ToStored() }, cancellationToken: ct))).ToList();
        }

        foreach (var item in open)
        {
            await using var connection = await dialect.OpenAsync(ct);
            if (await AckEvents.GetAsync(connection, null, item.Id, ct) is not { IsOpen: true } ackEvent)
            {
                continue;
            }

            if (rules.Find(ackEvent.RuleId)?.Acknowledge is not { } policy)
            {
                logger.RuleGone(ackEvent.Reference, ackEvent.RuleId);
                await connection.ExecuteAsync(new CommandDefinition("UPDATE ack_events SET is_open = 0 WHERE id = @Id", new { ackEvent.Id }, cancellationToken: ct));
                continue;
            }

            // The step's times were read with the stage of the first query: another instance may have escalated since.
            if (ackEvent.Stage == item.Stage && ackEvent.Stage < policy.Escalations.Count
                && EscalationDue(item, policy.Escalations[ackEvent.Stage], now))
            {
                await EscalateAsync(connection, ackEvent, policy, now, ct);
            }

            if (policy.ReminderEvery is { } every && ackEvent.Reminders < policy.ReminderMax
                && UnixTime.FromStored(item.FirstSentAt) is { } first && first + (every * (ackEvent.Reminders + 1)) <= now)
            {
                await RemindAsync(connection, ackEvent, policy, now, ct);
            }
        }
    }

    /// <summary>A step is due <see cref="EscalationStep.After"/> after the previous step's first text was sent, or at
    /// once when one of its texts failed (failed, undelivered, expired, or suppressed by an opt-out).</summary>
    private static bool EscalationDue(OpenEvent item, EscalationStep step, DateTimeOffset now) =>
        item.StageFailures > 0 || (UnixTime.FromStored(item.StageSentAt) is { } sent && sent + step.After <= now);

    private async Task EscalateAsync(DbConnection connection, AckEvent ackEvent, AcknowledgePolicy policy, DateTimeOffset now,
        CancellationToken ct)
    {
        // A step whose every recipient skips this rule (SkipRules) is passed over: the next step is texted now, in its
        // place, and counts from its own texts. Left as it was, a step with no texts never fell due and the chain stopped.
        var index = ackEvent.Stage;
        var recipients = RecipientsOf(policy.Escalations[index], ackEvent.RuleId);
        while (recipients.Count == 0 && index + 1 < policy.Escalations.Count)
        {
            recipients = RecipientsOf(policy.Escalations[++index], ackEvent.RuleId);
        }

        var step = index + 1;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (!await ClaimAsync(connection, transaction, ackEvent, "stage", ackEvent.Stage, step, acknowledged.WindowOf(RuleOf(ackEvent)), now, ct)
            || await PreviousStepAsync(connection, transaction, ackEvent, ct) is not { } previous)
        {
            await transaction.RollbackAsync(ct);
            return;
        }

        var waitedFor = string.Join(" and ", previous.Names.Distinct(StringComparer.Ordinal).Take(3));
        var text = Compose($"Not yet confirmed by {waitedFor}: ", previous.Core, ackEvent.Reference);
        var sent = 0;
        foreach (var recipient in recipients)
        {
            var id = await EnqueueAsync(connection, transaction, previous.Source, recipient.Id, recipient.Phone, text, now,
                new AckLink(ackEvent.Id, AckRoles.Escalation, step, previous.FirstAlertId, $"ack|{ackEvent.Id}|escalation|{step}|{recipient.Id}"), ct);
            if (id is { } alertId)
            {
                sent++;
                await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(ackEvent.CompanyId, alertId, now, AuditKinds.Escalated, "system",
                    JsonSerializer.Serialize(new { escalationOf = previous.FirstAlertId, reference = ackEvent.Reference, step })), ct);
            }
        }

        await transaction.CommitAsync(ct);
        for (var passedOver = ackEvent.Stage + 1; passedOver < step; passedOver++)
        {
            logger.StepPassedOver(ackEvent.Reference, ackEvent.RuleId, passedOver);
        }

        logger.Escalated(ackEvent.Reference, ackEvent.RuleId, step, sent);
        newAlerts.Raise();
    }

    private async Task RemindAsync(DbConnection connection, AckEvent ackEvent, AcknowledgePolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var reminder = ackEvent.Reminders + 1;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (!await ClaimAsync(connection, transaction, ackEvent, "reminders", ackEvent.Reminders, reminder, acknowledged.WindowOf(RuleOf(ackEvent)), now, ct))
        {
            await transaction.RollbackAsync(ct);
            return;
        }

        var originals = await AlertsOfAsync(connection, transaction, ackEvent.Id, AckRoles.Original, 0, ct);
        var sent = 0;
        foreach (var original in originals.DistinctBy(o => o.RecipientId, StringComparer.OrdinalIgnoreCase))
        {
            var text = Compose($"Reminder {reminder}: ", Core(original), ackEvent.Reference);
            var id = await EnqueueAsync(connection, transaction, original, original.RecipientId,
                protector.Unprotect(original.RecipientPhone, AlertEnqueuer.PhonePurpose), text, now,
                new AckLink(ackEvent.Id, AckRoles.Reminder, 0, null, $"ack|{ackEvent.Id}|reminder|{reminder}|{original.RecipientId}"), ct);
            if (id is { } alertId)
            {
                sent++;
                await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(ackEvent.CompanyId, alertId, now, AuditKinds.Reminded, "system",
                    JsonSerializer.Serialize(new { reminderOf = original.Id, reference = ackEvent.Reference, reminder, max = policy.ReminderMax })), ct);
            }
        }

        await transaction.CommitAsync(ct);
        logger.Reminded(ackEvent.Reference, ackEvent.RuleId, reminder, policy.ReminderMax, sent);
        newAlerts.Raise();
    }

    private RuleDefinition RuleOf(AckEvent ackEvent) => rules.Find(ackEvent.RuleId)!;

    private List<Recipient> RecipientsOf(EscalationStep step, string ruleId) =>
        directory.Resolve(step.To, new Dictionary<string, string?>()).Where(r => !directory.Skips(r.Id, ruleId)).ToList();

    /// <summary>Moves the event's counter from the value this round read to <paramref name="to"/>; false when another
    /// instance (or round) did. The event stays open for a window from now, so its newest text can be acknowledged as
    /// long as the first.</summary>
    private static async Task<bool> ClaimAsync(DbConnection connection, DbTransaction transaction, AckEvent ackEvent, string counter,
        int from, int to, TimeSpan window, DateTimeOffset now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE ack_events SET {counter} = @To,
                open_until = CASE WHEN open_until < @Until THEN @Until ELSE open_until END
            WHERE id = @Id AND is_open = 1 AND acknowledged_at IS NULL AND {counter} = @From
            """,
            new { ackEvent.Id, From = from, To = to, Until = (now + window).ToStored() }, transaction, cancellationToken: ct)) == 1;

    private async Task<long?> EnqueueAsync(DbConnection connection, DbTransaction transaction, AlertRow source, string recipientId,
        string phone, string text, DateTimeOffset now, AckLink link, CancellationToken ct)
    {
        var count = SmsSegments.Count(text);
        return await enqueuer.EnqueueAsync(connection, transaction, new NewAlert(source.CompanyId, source.RuleId, source.SourceTable,
            source.SourceKey, source.Transition, link.Key!, recipientId, phone, text, count.Segments, count.Encoding.ToString(), null,
            Acknowledgement: link, Urgent: rules.Find(source.RuleId)?.Urgent ?? false), new Dictionary<string, string?>(), now, ct);
    }

    /// <summary>The step being escalated: its first alert, its recipients' names and the text of the event.</summary>
    private async Task<PreviousStep?> PreviousStepAsync(DbConnection connection, DbTransaction transaction, AckEvent ackEvent, CancellationToken ct)
    {
        var role = ackEvent.Stage == 0 ? AckRoles.Original : AckRoles.Escalation;
        var alerts = await AlertsOfAsync(connection, transaction, ackEvent.Id, role, ackEvent.Stage, ct);
        if (alerts.Count == 0)
        {
            return null;
        }

        var originals = ackEvent.Stage == 0 ? alerts : await AlertsOfAsync(connection, transaction, ackEvent.Id, AckRoles.Original, 0, ct);
        var core = originals.Select(o => Core(o)).FirstOrDefault(c => c.Length > 0) ?? "";
        return new PreviousStep(alerts[0].Id, alerts[0], alerts.Select(a => directory.Person(a.RecipientId)?.Name ?? a.RecipientId).ToList(), core);
    }

    /// <summary>An alert's text without the " Reply OK XXXX to confirm." it ends with (empty for one not rendered).</summary>
    private string Core(AlertRow alert)
    {
        _ = AckReference.TrySplit(protector.UnprotectOr(alert.Body!, AlertEnqueuer.BodyPurpose, ""), out var core, out _);
        return core;
    }

    /// <summary>Lead, then the event's text cut to fit Twilio's limit, then the reference suffix.</summary>
    private static string Compose(string lead, string core, string reference)
    {
        var suffix = AckReference.Suffix(reference);
        var room = TemplateRenderer.MaxBodyLength - lead.Length - suffix.Length;
        if (core.Length > room)
        {
            core = string.Concat(core.AsSpan(0, room - TemplateRenderer.TruncationMarker.Length), TemplateRenderer.TruncationMarker);
        }

        return lead + core + suffix;
    }

    private static async Task<List<AlertRow>> AlertsOfAsync(DbConnection connection, DbTransaction transaction, long eventId, string role,
        int stage, CancellationToken ct) =>
        (await connection.QueryAsync<AlertRow>(new CommandDefinition(
            """
            SELECT id AS Id, company_id AS CompanyId, rule_id AS RuleId, source_table AS SourceTable, source_key AS SourceKey,
                transition AS Transition, recipient_id AS RecipientId, recipient_phone AS RecipientPhone, body AS Body
            FROM alerts WHERE ack_event_id = @eventId AND ack_role = @role AND ack_stage = @stage ORDER BY id
            """, new { eventId, role, stage }, transaction, cancellationToken: ct))).ToList();

    private sealed record PreviousStep(long FirstAlertId, AlertRow Source, IReadOnlyList<string> Names, string Core);

    private sealed class OpenEvent
    {
        public long Id { get; set; }
        public long Stage { get; set; }
        public long? StageSentAt { get; set; }
        public long StageFailures { get; set; }
        public long? FirstSentAt { get; set; }
    }
}
