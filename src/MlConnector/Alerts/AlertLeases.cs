using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>
/// The dispatcher's lease on an alert: claim the next due one, check and renew the lease just before the send, keep it
/// alive while the send is in flight, give back what a stopping dispatcher holds. Every claim writes a fresh fencing
/// token (<see cref="ClaimedAlert.LeaseToken"/>) and every later write by the holder names it, so a holder whose lease
/// ran out and was claimed again (by another dispatcher or by its own process) writes nothing. A lease moves no state;
/// the outcome is recorded by <see cref="AttemptRecorder"/>.
/// </summary>
public sealed class AlertLeases(IDbDialect dialect)
{
    /// <summary>Leases the next due alert (pending, due, not leased or lease expired), or returns null.</summary>
    public Task<ClaimedAlert?> ClaimAsync(string owner, DateTimeOffset now, TimeSpan lease, CancellationToken ct) =>
        ClaimAsync(owner, now, lease, [], ct);

    /// <summary>
    /// Leases the next due alert (pending, due, not leased or lease expired), or returns null. <paramref name="sending"/>
    /// names the alerts the caller is still sending: their lease may have run out (a clock that jumped, a machine that
    /// slept), but claiming one again would look for its text at Twilio before Twilio has answered the first request.
    /// </summary>
    public async Task<ClaimedAlert?> ClaimAsync(string owner, DateTimeOffset now, TimeSpan lease, IReadOnlyCollection<long> sending,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sending);
        // SKIP LOCKED lets several PostgreSQL instances claim side by side; SQLite has one writer at a time anyway.
        var skipLocked = dialect.Provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        var notSending = NotSending(sending);
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ClaimedAlert>(new CommandDefinition(
            $"""
            UPDATE alerts SET lease_owner = @Owner, lease_until = @Until, lease_token = @Token
            WHERE id = (SELECT id FROM alerts
                        WHERE state = @Pending AND next_attempt_at <= @Now AND (lease_until IS NULL OR lease_until < @Now)
                              {notSending}
                        ORDER BY next_attempt_at, id LIMIT 1 {skipLocked})
              AND state = @Pending AND (lease_until IS NULL OR lease_until < @Now)
            RETURNING id AS Id, company_id AS CompanyId, rule_id AS RuleId, recipient_phone AS RecipientPhone,
                recipient_phone_index AS RecipientPhoneIndex, body AS Body, attempts AS Attempts,
                max_attempts AS MaxAttempts, created_at AS CreatedAt, chain_started_at AS ChainStartedAt,
                in_doubt_since AS InDoubtSince, lease_token AS LeaseToken, message_sid AS MessageSid,
                lookup_failures AS LookupFailures
            """,
            new { Owner = owner, Now = now.ToStored(), Until = (now + lease).ToStored(), Token = NewToken(), AlertStates.Pending },
            cancellationToken: ct));
    }

    /// <summary>
    /// When the next pending alert can be claimed (it falls due, or the lease another process holds on it runs out), or
    /// null when none is pending. <paramref name="sending"/> as for <see cref="ClaimAsync(string, DateTimeOffset, TimeSpan, IReadOnlyCollection{long}, CancellationToken)"/>.
    /// </summary>
    public async Task<DateTimeOffset?> NextClaimableAtAsync(IReadOnlyCollection<long> sending, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sending);
        var notSending = NotSending(sending);
        await using var connection = await dialect.OpenAsync(ct);
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"""
            SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END)
            FROM alerts WHERE state = @Pending {notSending}
            """,
            new { AlertStates.Pending }, cancellationToken: ct));
        return next is { } stored ? UnixTime.FromStored(stored) : null;
    }

    /// <summary>The claim's condition that leaves out the alerts the caller is still sending. Written as numeric
    /// literals: a list parameter is expanded by Dapper on SQLite but sent as an array to Npgsql, and the ids are
    /// integers from our own database, so the text cannot carry anything else.</summary>
    private static string NotSending(IReadOnlyCollection<long> sending) => sending.Count == 0
        ? ""
        : $"AND id NOT IN ({string.Join(',', sending.Select(id => id.ToString(CultureInfo.InvariantCulture)))})";

    /// <summary>
    /// Written just before the POST: from here until an outcome is recorded the send is "in doubt", so a process
    /// that dies mid-request leaves an alert that is reconciled against Twilio before any resend. Also the last check
    /// that the lease is still this claim's (whose token the StatusCallback URL carries, kept as the send token) and has not run out (else another dispatcher may claim the alert now, so we
    /// must not send), and that nothing settled the alert meanwhile (a status callback); it renews the lease.
    /// </summary>
    public async Task<bool> MarkSendingAsync(ClaimedAlert alert, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alerts SET in_doubt_since = COALESCE(in_doubt_since, @Now), lease_until = @Until, send_token = @Token
            WHERE id = @Id AND lease_token = @Token AND lease_until >= @Now AND state = @Pending AND message_sid IS NULL
            """,
            new { alert.Id, Token = alert.LeaseToken, Now = now.ToStored(), Until = (now + lease).ToStored(), AlertStates.Pending },
            cancellationToken: ct)) == 1;
    }

    /// <summary>The heartbeat while an attempt is in flight: extends this claim's lease. False once the claim is gone
    /// (claimed again after it ran out, settled by a status callback, or released).</summary>
    public async Task<bool> RenewAsync(ClaimedAlert alert, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET lease_until = @Until WHERE id = @Id AND lease_token = @Token",
            new { alert.Id, Token = alert.LeaseToken, Until = (now + lease).ToStored() }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Gives one claimed alert back without an outcome (the attempt failed unexpectedly), due again at
    /// <paramref name="nextAttemptAt"/>, so it is not left to wait out its lease. Nothing else changes: a send in doubt
    /// stays in doubt. False when the claim was already gone.
    /// </summary>
    public async Task<bool> ReleaseAsync(ClaimedAlert alert, DateTimeOffset nextAttemptAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alerts SET lease_owner = NULL, lease_until = NULL, lease_token = NULL, next_attempt_at = @Next
            WHERE id = @Id AND lease_token = @Token AND state = @Pending
            """,
            new { alert.Id, Token = alert.LeaseToken, Next = nextAttemptAt.ToStored(), AlertStates.Pending },
            cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// The MessageSids recorded on other alerts to the same phone and touched since <paramref name="since"/>: a look at
    /// Twilio's message list for a send in doubt must not take one of those texts (the same body, sent for another
    /// event) for this alert's.
    /// </summary>
    public async Task<IReadOnlySet<string>> SidsOfOtherAlertsAsync(ClaimedAlert alert, DateTimeOffset since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await dialect.OpenAsync(ct);
        var sids = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT message_sid FROM alerts
            WHERE recipient_phone_index = @Index AND id <> @Id AND message_sid IS NOT NULL AND updated_at >= @Since
            """,
            new { Index = alert.RecipientPhoneIndex, alert.Id, Since = since.ToStored() }, cancellationToken: ct));
        return sids.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Gives back every alert an owner still holds (a dispatcher stopping cleanly).</summary>
    public async Task ReleaseAllAsync(string owner, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET lease_owner = NULL, lease_until = NULL, lease_token = NULL WHERE lease_owner = @Owner",
            new { Owner = owner }, cancellationToken: ct));
    }

    /// <summary>A fencing token: random, never 0 (a claim's default), so two claims never share one.</summary>
    private static long NewToken()
    {
        long token;
        do
        {
            token = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
        }
        while (token == 0);

        return token;
    }
}
