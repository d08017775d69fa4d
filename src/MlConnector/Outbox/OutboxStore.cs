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
        await transaction.CommitAsync(ct);
        return true;
    }
}
