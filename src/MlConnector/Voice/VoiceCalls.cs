using System.Data.Common;
using System.Text.Json;
using System.Xml.Linq;
using Dapper;
using MlConnector.Acknowledgement;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.Rules;
using MlConnector.Scheduling;
using MlConnector.Security;
using MlConnector.Sms;
using MlConnector.Storage;

namespace MlConnector.Voice;

/// <summary>
/// Voice calls for what cannot wait (<c>Rules:{id}:Voice</c>). Each round finds the alerts that call for one (a text
/// that failed or was undelivered <c>After</c> ago; an event nobody acknowledged within <c>After</c> of its text being
/// sent) and records one call per alert and reason (a unique row: once, across restarts and instances); then places the
/// due calls through Twilio's Calls API, each claimed first (a call is never placed twice). A claim a crash interrupted
/// (a call still "placing" <see cref="PlacingTimeout"/> after its claim) is settled by Twilio's call list: a call to that
/// person created since the claim and recorded on no other row was placed (recorded with its CallSid, not placed again);
/// none, and the call never left, so it is placed; a list that cannot be read is looked at again next round. The call
/// reads the alert's text (TwiML <c>&lt;Say&gt;</c>) and a keypress of 1 (<c>&lt;Gather&gt;</c>) acknowledges it
/// (<see cref="VoiceWebhookHandler"/>).
/// </summary>
public sealed class VoiceCalls(IDbDialect dialect, RuleSet rules, IVoiceCaller caller, PublicUrls urls, FieldProtector protector,
    TimeProvider time, ILogger<VoiceCalls> logger) : BackgroundService
{
    public static readonly TimeSpan Round = TimeSpan.FromSeconds(15);

    /// <summary>How long a call may stay "placing" before a round asks Twilio whether it was placed: longer than a
    /// Calls-create request may take (Twilio:RequestTimeout is at most 5 minutes), so only an interrupted claim is looked at.</summary>
    public static readonly TimeSpan PlacingTimeout = TimeSpan.FromMinutes(10);

    // Clocks differ (ours, Twilio's): look a little before the claim.
    private static readonly TimeSpan LookupSlack = TimeSpan.FromMinutes(2);

    private static readonly string TextFailed = $"'{AlertStates.Failed}', '{AlertStates.Undelivered}'";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!rules.Rules.Any(r => r.Voice is not null))
        {
            return; // no rule calls anyone
        }

        await Rounds.RunAsync(Round, time, RunAsync, logger.RoundFailed, stoppingToken);
    }

    /// <summary>One round: the calls that fell due are recorded, then placed.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await SettleInterruptedAsync(ct);
        var now = time.GetUtcNow();
        await using (var connection = await dialect.OpenAsync(ct))
        {
            foreach (var rule in rules.Rules.Where(r => r.Voice is not null))
            {
                await ScheduleAsync(connection, rule, rule.Voice!, now, ct);
            }
        }

        List<long> due;
        await using (var connection = await dialect.OpenAsync(ct))
        {
            due = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT id FROM voice_calls WHERE state = 'due' ORDER BY id", cancellationToken: ct))).ToList();
        }

        foreach (var id in due)
        {
            await PlaceAsync(id, ct);
        }
    }

    private static Task<int> ScheduleAsync(DbConnection connection, RuleDefinition rule, VoicePolicy voice, DateTimeOffset now,
        CancellationToken ct)
    {
        var cutoff = (now - voice.After).ToStored();
        // INSERT ... SELECT ... WHERE ... ON CONFLICT: the WHERE keeps SQLite from reading ON as a join's.
        var sql = voice.When == VoicePolicy.Failed
            ? $"""
              INSERT INTO voice_calls (company_id, alert_id, ack_event_id, rule_id, recipient_id, reason, state, created_at, updated_at)
              SELECT a.company_id, a.id, a.ack_event_id, a.rule_id, a.recipient_id, @Reason, 'due', @Now, @Now
              FROM alerts a
              WHERE a.rule_id = @Rule AND a.state IN ({TextFailed}) AND a.segments > 0 AND a.updated_at <= @Cutoff
                AND (a.ack_role IS NULL OR a.ack_role IN ('{AckRoles.Original}', '{AckRoles.Escalation}'))
                AND (a.ack_event_id IS NULL OR a.ack_event_id IN (SELECT id FROM ack_events WHERE acknowledged_at IS NULL))
              ON CONFLICT (alert_id, reason) DO NOTHING
              """
            : $"""
              INSERT INTO voice_calls (company_id, alert_id, ack_event_id, rule_id, recipient_id, reason, state, created_at, updated_at)
              SELECT a.company_id, a.id, a.ack_event_id, a.rule_id, a.recipient_id, @Reason, 'due', @Now, @Now
              FROM alerts a JOIN ack_events e ON e.id = a.ack_event_id
              WHERE a.rule_id = @Rule AND a.ack_role = '{AckRoles.Original}' AND a.sent_at IS NOT NULL AND a.sent_at <= @Cutoff
                AND e.is_open = 1 AND e.acknowledged_at IS NULL
              ON CONFLICT (alert_id, reason) DO NOTHING
              """;
        return connection.ExecuteAsync(new CommandDefinition(sql,
            new { Reason = voice.When, Now = now.ToStored(), Rule = rule.Id, Cutoff = cutoff }, cancellationToken: ct));
    }

    private async Task PlaceAsync(long id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dialect.OpenAsync(ct);
        if (await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE voice_calls SET state = 'placing', updated_at = @Now WHERE id = @id AND state = 'due'",
                new { id, Now = now.ToStored() }, cancellationToken: ct)) == 0)
        {
            return; // another instance took it
        }

        var call = await connection.QuerySingleAsync<CallRow>(new CommandDefinition(
            """
            SELECT c.id AS Id, c.company_id AS CompanyId, c.alert_id AS AlertId, c.ack_event_id AS AckEventId, c.reason AS Reason,
                a.recipient_phone AS Phone, a.body AS Body,
                (SELECT e.acknowledged_at FROM ack_events e WHERE e.id = c.ack_event_id) AS AcknowledgedAt
            FROM voice_calls c JOIN alerts a ON a.id = c.alert_id WHERE c.id = @id
            """, new { id }, cancellationToken: ct));
        if (call.AcknowledgedAt is not null)
        {
            await FinishAsync(connection, call, "cancelled", null, null, now, AuditKinds.CallCancelled,
                new { reason = call.Reason, why = "acknowledged before the call was placed" }, ct);
            return;
        }

        var status = urls.VoiceUrl(PublicUrls.VoiceStatusPath, id);
        var gather = urls.VoiceUrl(PublicUrls.VoiceGatherPath, id);
        CallResult result = status is null || gather is null
            ? new CallResult.Refused(null, "no address for Twilio to reach the connector: set Twilio:PublicBaseUrl.")
            : await caller.PlaceAsync(protector.Unprotect(call.Phone, AlertEnqueuer.PhonePurpose),
                Twiml(protector.UnprotectOr(call.Body, AlertEnqueuer.BodyPurpose, ""), gather), status, ct);
        now = time.GetUtcNow();
        switch (result)
        {
            case CallResult.Placed placed:
                await FinishAsync(connection, call, "placed", placed.CallSid, null, now, AuditKinds.CallPlaced,
                    new { reason = call.Reason, callSid = placed.CallSid }, ct);
                logger.CallPlaced(id, call.Reason, call.AlertId, placed.CallSid);
                break;
            case CallResult.Refused refused:
                await FinishAsync(connection, call, "failed", null, $"{refused.Code} {refused.Reason}".Trim(), now, AuditKinds.CallFailed,
                    new { reason = call.Reason, code = refused.Code, error = refused.Reason }, ct);
                logger.CallRefused(id, call.Reason, call.AlertId, refused.Code, refused.Reason);
                break;
        }
    }

    /// <summary>The calls whose placing a crash interrupted, settled by Twilio's call list (see the class summary).</summary>
    private async Task SettleInterruptedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<InterruptedCall> interrupted;
        await using (var connection = await dialect.OpenAsync(ct))
        {
            interrupted = (await connection.QueryAsync<InterruptedCall>(new CommandDefinition(
                """
                SELECT c.id AS Id, c.company_id AS CompanyId, c.alert_id AS AlertId, c.reason AS Reason, c.updated_at AS ClaimedAt,
                    a.recipient_phone AS Phone
                FROM voice_calls c JOIN alerts a ON a.id = c.alert_id
                WHERE c.state = 'placing' AND c.updated_at <= @Cutoff ORDER BY c.id
                """, new { Cutoff = (now - PlacingTimeout).ToStored() }, cancellationToken: ct))).ToList();
        }

        foreach (var call in interrupted)
        {
            var since = UnixTime.FromStored(call.ClaimedAt) - LookupSlack;
            // A call recorded on another row was created no earlier than that row's last write.
            HashSet<string> recorded;
            await using (var connection = await dialect.OpenAsync(ct))
            {
                recorded = (await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT call_sid FROM voice_calls WHERE call_sid IS NOT NULL AND updated_at >= @Since",
                    new { Since = since.ToStored() }, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
            }

            var found = await caller.FindAsync(protector.Unprotect(call.Phone, AlertEnqueuer.PhonePurpose), since, recorded, ct);
            await using var update = await dialect.OpenAsync(ct);
            await using var transaction = await update.BeginTransactionAsync(ct);
            // Only the claim looked at moves (another instance may have settled it meanwhile).
            const string StillPlacing = "WHERE id = @Id AND state = 'placing' AND updated_at = @ClaimedAt";
            switch (found)
            {
                case CallLookup.Found placed when await update.ExecuteAsync(new CommandDefinition(
                    $"UPDATE voice_calls SET state = 'placed', call_sid = @Sid, updated_at = @Now {StillPlacing}",
                    new { call.Id, call.ClaimedAt, Sid = placed.CallSid, Now = time.GetUtcNow().ToStored() }, transaction,
                    cancellationToken: ct)) == 1:
                    await AuditWriter.AppendAsync(update, transaction, new AuditEntry(call.CompanyId, call.AlertId, time.GetUtcNow(),
                        AuditKinds.CallPlaced, "system", JsonSerializer.Serialize(new
                        {
                            reason = call.Reason, callSid = placed.CallSid, via = "call-list", why = "its placing was interrupted",
                        })), ct);
                    await transaction.CommitAsync(ct);
                    logger.InterruptedCallFound(call.Id, call.Reason, call.AlertId, placed.CallSid);
                    break;
                case CallLookup.NotFound when await update.ExecuteAsync(new CommandDefinition(
                    $"UPDATE voice_calls SET state = 'due', updated_at = @Now {StillPlacing}",
                    new { call.Id, call.ClaimedAt, Now = time.GetUtcNow().ToStored() }, transaction, cancellationToken: ct)) == 1:
                    await transaction.CommitAsync(ct);
                    logger.InterruptedCallNotPlaced(call.Id, call.Reason, call.AlertId);
                    break;
                default:
                    break; // unreadable (logged by the caller), or settled by another instance: nothing to write
            }
        }
    }

    /// <summary>What the call says: the alert's text (without its "Reply OK" line), then how to acknowledge; a
    /// keypress goes to <paramref name="gather"/>. Escaped as XML by <see cref="XElement"/>.</summary>
    public static string Twiml(string body, Uri gather)
    {
        ArgumentNullException.ThrowIfNull(gather);
        _ = AckReference.TrySplit(body, out var text, out _);
        var response = new XElement("Response",
            new XElement("Gather", new XAttribute("numDigits", "1"), new XAttribute("action", gather.ToString()),
                new XAttribute("method", "POST"), new XAttribute("timeout", "10"),
                new XElement("Say", $"This is an alert from ml-connector. {text} Press 1 to confirm.")),
            new XElement("Say", "Nothing was pressed. Goodbye."));
        return response.ToString(SaveOptions.DisableFormatting);
    }

    // A call a status callback already said was placed stays placed, with its sid, whatever the create's answer was (a
    // request that timed out after Twilio took it).
    private static async Task FinishAsync(DbConnection connection, CallRow call, string state, string? callSid, string? error,
        DateTimeOffset now, string kind, object detail, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE voice_calls SET state = CASE WHEN state = 'placed' THEN state ELSE @state END,
                call_sid = COALESCE(@callSid, call_sid), error = @error, updated_at = @Now
            WHERE id = @Id
            """,
            new { state, callSid, error, Now = now.ToStored(), call.Id }, transaction, cancellationToken: ct));
        await AuditWriter.AppendAsync(connection, transaction,
            new AuditEntry(call.CompanyId, call.AlertId, now, kind, "system", JsonSerializer.Serialize(detail)), ct);
        await transaction.CommitAsync(ct);
    }

    private sealed class InterruptedCall
    {
        public long Id { get; set; }
        public string CompanyId { get; set; } = "";
        public long AlertId { get; set; }
        public string Reason { get; set; } = "";
        public long ClaimedAt { get; set; }
        public byte[] Phone { get; set; } = [];
    }

    private sealed class CallRow
    {
        public long Id { get; set; }
        public string CompanyId { get; set; } = "";
        public long AlertId { get; set; }
        public long? AckEventId { get; set; }
        public string Reason { get; set; } = "";
        public byte[] Phone { get; set; } = [];
        public byte[] Body { get; set; } = [];
        public long? AcknowledgedAt { get; set; }
    }
}
