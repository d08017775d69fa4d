using System.Data.Common;
using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Recipients;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>Enqueues alerts inside the caller's transaction. The unique alert key makes a second enqueue of the
/// same event a no-op, so nothing is sent twice by design. An alert for a person in their quiet hours is kept quiet
/// until they end (unless it is urgent).</summary>
public sealed class AlertEnqueuer(FieldProtector protector, QuietHours? quietHours = null)
{
    public const string PhonePurpose = "alert.phone";
    public const string BodyPurpose = "alert.body";

    /// <summary>Inserts the alert unless its key exists; returns the new id, or null for a duplicate. A
    /// <paramref name="hold"/> puts it in state held (out of the dispatcher's reach) instead of queuing it.</summary>
    public async Task<long?> EnqueueAsync(DbConnection connection, DbTransaction transaction, NewAlert alert,
        IReadOnlyDictionary<string, string?> fields, DateTimeOffset now, CancellationToken ct, HoldReason? hold = null)
    {
        var state = alert.RenderError is not null ? AlertStates.Failed : hold is null ? AlertStates.Pending : AlertStates.Held;
        var quietUntil = state == AlertStates.Pending && !alert.Urgent ? quietHours?.QuietUntil(alert.RecipientId, now) : null;
        if (quietUntil is not null)
        {
            state = AlertStates.Quiet;
        }

        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO alerts (company_id, alert_key, rule_id, source_table, source_key, transition, recipient_id,
                recipient_phone, recipient_phone_index, body, segments, encoding, state, attempts, next_attempt_at,
                error_message, created_at, updated_at, ack_event_id, ack_role, ack_stage, escalation_of, quiet_until)
            VALUES (@CompanyId, @Key, @RuleId, @SourceTable, @SourceKey, @Transition, @RecipientId,
                @PhoneBlob, @PhoneIndex, @BodyBlob, @Segments, @Encoding, @State, 0, @NextAttempt,
                @RenderError, @Now, @Now, @AckEventId, @AckRole, @AckStage, @EscalationOf, @QuietUntil)
            ON CONFLICT (company_id, alert_key) DO NOTHING
            RETURNING id
            """,
            new
            {
                alert.CompanyId, alert.Key, alert.RuleId, alert.SourceTable, alert.SourceKey, alert.Transition, alert.RecipientId,
                PhoneBlob = protector.Protect(alert.Phone, PhonePurpose),
                PhoneIndex = protector.BlindIndex(alert.Phone),
                BodyBlob = protector.Protect(alert.Body, BodyPurpose),
                alert.Segments, alert.Encoding, State = state,
                NextAttempt = state == AlertStates.Pending ? now.ToStored() : (long?)null,
                alert.RenderError,
                Now = now.ToStored(),
                AckEventId = alert.Acknowledgement?.EventId, AckRole = alert.Acknowledgement?.Role,
                AckStage = alert.Acknowledgement?.Stage, EscalationOf = alert.Acknowledgement?.EscalationOf,
                QuietUntil = quietUntil?.ToStored(),
            },
            transaction, cancellationToken: ct));
        if (id is not { } alertId)
        {
            return null;
        }

        var detected = JsonSerializer.Serialize(new
        {
            table = alert.SourceTable, key = alert.SourceKey, transition = alert.Transition, rule = alert.RuleId,
            run = alert.DetectionRun, recipient = alert.RecipientId, fields = fields.Keys.Order(StringComparer.Ordinal),
        });
        var sealedFields = protector.Protect(JsonSerializer.Serialize(fields), AuditWriter.SealedDetailPurpose);
        await AuditWriter.AppendAsync(connection, transaction,
            new AuditEntry(alert.CompanyId, alertId, now, AuditKinds.Detected, "system", detected, sealedFields), ct);
        var outcome = state switch
        {
            AlertStates.Pending => new AuditEntry(alert.CompanyId, alertId, now, AuditKinds.Queued, "system",
                JsonSerializer.Serialize(new { segments = alert.Segments, encoding = alert.Encoding })),
            AlertStates.Held => new AuditEntry(alert.CompanyId, alertId, now, AuditKinds.Held, "system",
                JsonSerializer.Serialize(new { segments = alert.Segments, encoding = alert.Encoding, reason = hold!.Text })),
            AlertStates.Quiet => new AuditEntry(alert.CompanyId, alertId, now, AuditKinds.Quiet, "system",
                JsonSerializer.Serialize(new { segments = alert.Segments, encoding = alert.Encoding, until = quietUntil })),
            _ => new AuditEntry(alert.CompanyId, alertId, now, AuditKinds.RenderFailed, "system",
                JsonSerializer.Serialize(new { reason = alert.RenderError })),
        };
        await AuditWriter.AppendAsync(connection, transaction, outcome, ct);
        foreach (var note in alert.Notes ?? [])
        {
            await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(alert.CompanyId, alertId, now, AuditKinds.EnrichmentFailed,
                "system", JsonSerializer.Serialize(new { reason = note })), ct);
        }
        if (alert.Truncated)
        {
            await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(alert.CompanyId, alertId, now, AuditKinds.Truncated,
                "system", JsonSerializer.Serialize(new { limit = Templates.TemplateRenderer.MaxBodyLength })), ct);
        }

        return alertId;
    }
}
