using Dapper;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>
/// The dispatcher's lease on an alert: claim the next due one, check and renew the lease just before the send, give
/// back what a stopping dispatcher holds. A lease moves no state; the outcome is recorded by <see cref="AttemptRecorder"/>.
/// </summary>
public sealed class AlertLeases(IDbDialect dialect)
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
                        WHERE state = @Pending AND next_attempt_at <= @Now AND (lease_until IS NULL OR lease_until < @Now)
                        ORDER BY next_attempt_at, id LIMIT 1 {skipLocked})
              AND state = @Pending AND (lease_until IS NULL OR lease_until < @Now)
            RETURNING id AS Id, company_id AS CompanyId, recipient_phone AS RecipientPhone,
                recipient_phone_index AS RecipientPhoneIndex, body AS Body, attempts AS Attempts,
                max_attempts AS MaxAttempts, created_at AS CreatedAt, chain_started_at AS ChainStartedAt,
                in_doubt_since AS InDoubtSince
            """,
            new { Owner = owner, Now = now.ToStored(), Until = (now + lease).ToStored(), AlertStates.Pending },
            cancellationToken: ct));
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

    /// <summary>Gives back every alert an owner still holds (a dispatcher stopping cleanly).</summary>
    public async Task ReleaseAllAsync(string owner, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = @Owner",
            new { Owner = owner }, cancellationToken: ct));
    }
}
