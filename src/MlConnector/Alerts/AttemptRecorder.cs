using Dapper;
using MlConnector.Audit;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>Records what an attempt came to: the alert's new state and its audit line in one transaction, and any
/// status Twilio called back before the MessageSid was known.</summary>
public sealed class AttemptRecorder(IDbDialect dialect)
{
    /// <summary>False when this claim's lease was lost (claimed again after it ran out, by another process or this
    /// one: the fencing token differs), or the state machine refuses the outcome's state.</summary>
    public async Task<bool> RecordAsync(ClaimedAlert alert, string owner, AttemptOutcome outcome, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (outcome.MessageSid is { } recorded)
        {
            await MessageLock.HoldAsync(dialect, connection, transaction, recorded, ct); // before a callback for it looks
        }

        var updated = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE alerts SET state = @State, attempts = @Attempts, next_attempt_at = @Next, lease_owner = NULL,
                lease_until = NULL, lease_token = NULL, message_sid = COALESCE(@Sid, message_sid), error_code = @Code,
                sent_at = CASE WHEN @State = 'sent' THEN COALESCE(sent_at, @Now) ELSE sent_at END,
                error_message = @Error, in_doubt_since = @InDoubt, lookup_failures = @LookupFailures, updated_at = @Now
            WHERE id = @Id AND lease_owner = @Owner AND lease_token = @Token AND {AlertTransitions.SqlFilterInto(outcome.State)}
            """,
            new
            {
                outcome.State, outcome.Attempts, Next = outcome.NextAttemptAt?.ToStored(), Sid = outcome.MessageSid,
                Code = outcome.ErrorCode, Error = outcome.ErrorMessage, InDoubt = outcome.InDoubtSince?.ToStored(),
                Now = now.ToStored(), alert.Id, Owner = owner, Token = alert.LeaseToken, outcome.LookupFailures,
            }, transaction, cancellationToken: ct));
        if (updated == 0)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        if (outcome.AuditKind is { } kind)
        {
            await AuditWriter.AppendAsync(connection, transaction,
                new AuditEntry(alert.CompanyId, alert.Id, now, kind, "dispatcher", outcome.AuditDetail), ct);
        }

        if (outcome.State == AlertStates.Sent)
        {
            // A digest's alerts were sent when it was (an escalation clock starts then).
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE alerts SET sent_at = @Now WHERE digest_alert_id = @Id AND sent_at IS NULL",
                new { Now = now.ToStored(), alert.Id }, transaction, cancellationToken: ct));
        }

        if (outcome.MessageSid is { } sid)
        {
            await DeliveryEvents.ApplyEarlyAsync(connection, transaction, alert, sid, now, ct);
        }

        await transaction.CommitAsync(ct);
        return true;
    }
}
