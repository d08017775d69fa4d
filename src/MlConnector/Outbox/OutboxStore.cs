using System.Data.Common;
using Dapper;
using MlConnector.Audit;
using MlConnector.Storage;

namespace MlConnector.Outbox;

/// <summary>The dispatcher's SQL: claim with a lease, mark a send as started, record an attempt with its audit line.</summary>
public sealed class OutboxStore(IDbDialect dialect)
{
    /// <summary>Leases the next due alert (pending, due, not leased or lease expired), or returns null.</summary>
    public async Task<ClaimedAlert?> ClaimAsync(string owner, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        // SKIP LOCKED lets several PostgreSQL instances claim side by side; SQLite has one writer at a time anyway.
        var skipLocked = dialect.Provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ClaimedAlert>(new CommandDefinition(
            $"""
            UPDATE alerts SET lease_owner = @Owner, lease_until = @Until
            WHERE id = (SELECT id FROM alerts
                        WHERE state = 'pending' AND next_attempt_at <= @Now AND (lease_until IS NULL OR lease_until < @Now)
                        ORDER BY next_attempt_at, id LIMIT 1 {skipLocked})
              AND state = 'pending' AND (lease_until IS NULL OR lease_until < @Now)
            RETURNING id AS Id, company_id AS CompanyId, recipient_phone AS RecipientPhone,
                recipient_phone_index AS RecipientPhoneIndex, body AS Body, attempts AS Attempts,
                max_attempts AS MaxAttempts, created_at AS CreatedAt, chain_started_at AS ChainStartedAt,
                in_doubt_since AS InDoubtSince
            """,
            new { Owner = owner, Now = now.ToStored(), Until = (now + lease).ToStored() }, cancellationToken: ct));
    }

    public async Task<bool> IsOptedOutAsync(string companyId, string phoneIndex, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT 1 FROM opt_outs WHERE company_id = @CompanyId AND phone_index = @PhoneIndex",
            new { CompanyId = companyId, PhoneIndex = phoneIndex }, cancellationToken: ct)) is not null;
    }

    /// <summary>Gives back every alert an owner still holds (a dispatcher stopping cleanly).</summary>
    public async Task ReleaseAllAsync(string owner, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = @Owner",
            new { Owner = owner }, cancellationToken: ct));
    }

    /// <summary>Twilio refused a send with 21610: the person opted out there, so texts to them stop here too.</summary>
    public async Task AddOptOutAsync(string companyId, string phoneIndex, byte[] sealedPhone, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await Recipients.OptOutList.AddAsync(connection, null, companyId, phoneIndex, sealedPhone, "twilio-21610", now, ct);
    }

    /// <summary>
    /// Written just before the POST: from here until an outcome is recorded the send is "in doubt", so a process
    /// that dies mid-request leaves an alert that is reconciled against Twilio before any resend. Also the last check
    /// that the lease is still ours (it ran out: another instance may claim the alert now, so we must not send);
    /// it renews the lease for the request.
    /// </summary>
    public async Task<bool> MarkSendingAsync(long id, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alerts SET in_doubt_since = COALESCE(in_doubt_since, @Now), lease_until = @Until
            WHERE id = @Id AND lease_owner = @Owner AND lease_until >= @Now
            """,
            new { Id = id, Owner = owner, Now = now.ToStored(), Until = (now + lease).ToStored() },
            cancellationToken: ct)) == 1;
    }

    /// <summary>Alert state and audit in one transaction; false when the lease was lost to another process.</summary>
    public async Task<bool> RecordAsync(ClaimedAlert alert, string owner, AttemptOutcome outcome, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alerts SET state = @State, attempts = @Attempts, next_attempt_at = @Next, lease_owner = NULL,
                lease_until = NULL, message_sid = COALESCE(@Sid, message_sid), error_code = @Code,
                error_message = @Error, in_doubt_since = @InDoubt, updated_at = @Now
            WHERE id = @Id AND lease_owner = @Owner
            """,
            new
            {
                outcome.State, outcome.Attempts, Next = outcome.NextAttemptAt?.ToStored(), Sid = outcome.MessageSid,
                Code = outcome.ErrorCode, Error = outcome.ErrorMessage, InDoubt = outcome.InDoubtSince?.ToStored(),
                Now = now.ToStored(), alert.Id, Owner = owner,
            }, transaction, cancellationToken: ct));
        if (updated == 0)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        await AuditWriter.AppendAsync(connection, transaction,
            new AuditEntry(alert.CompanyId, alert.Id, now, outcome.AuditKind, "dispatcher", outcome.AuditDetail), ct);
        if (outcome.MessageSid is { } sid)
        {
            await ApplyEarlyCallbacksAsync(connection, transaction, alert, sid, now, ct);
        }

        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Twilio may call back before the dispatcher has recorded the MessageSid of its create (the webhook then finds no
    /// alert and only keeps the event). Once the SID is known, the furthest status already received is applied.
    /// </summary>
    private static async Task ApplyEarlyCallbacksAsync(DbConnection connection, DbTransaction transaction, ClaimedAlert alert,
        string sid, DateTimeOffset now, CancellationToken ct)
    {
        var early = (await connection.QueryAsync<(string Status, int? ErrorCode)>(new CommandDefinition(
            "SELECT status, error_code FROM delivery_events WHERE message_sid = @Sid", new { Sid = sid }, transaction,
            cancellationToken: ct))).ToList();
        if (early.Count == 0)
        {
            return;
        }

        var furthest = early.MaxBy(e => Webhooks.DeliveryStatuses.Rank(e.Status));
        await Webhooks.DeliveryStatuses.ApplyAsync(connection, transaction, alert.Id, furthest.Status, furthest.ErrorCode, now, ct);
        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(alert.CompanyId, alert.Id, now,
            AuditKinds.StatusCallback, "twilio", System.Text.Json.JsonSerializer.Serialize(new
            {
                messageSid = sid, status = furthest.Status, errorCode = furthest.ErrorCode, applied = true, early = true,
            })), ct);
    }
}
