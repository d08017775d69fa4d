using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.Detection;

/// <summary>
/// Makes sure one instance polls a rule at a time when several share a database: a lease row per rule, with times from
/// the injected clock (never the database's). Each acquisition writes a fresh fencing token, kept by this process only;
/// a renewal (each poll, and the scheduler's heartbeat between polls) and the poll's confirmation name it, so another
/// process, even one configured with the same Polling:InstanceId, can neither renew nor record under a lease it did
/// not take. The lease is short (Polling:LeaseDuration): a dead holder's rules are free within seconds.
/// A lease this process wrote recently is not written again: a poll skips the acquisition while more than half of the
/// lease is left (the poll's confirmation extends it anyway; nobody else can take a lease before it runs out, so the
/// write would only have moved its end).
/// </summary>
public sealed class RuleLeases(IDbDialect dialect, PollTracker tracker, IOptions<PollingOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Company, string Rule), HeldLease> _held = new();

    /// <summary>How long a lease lasts without a renewal (Polling:LeaseDuration).</summary>
    public TimeSpan LeaseFor(RuleDefinition rule) => options.Value.LeaseDuration;

    /// <summary>Takes or renews the rule's lease; returns the current holder when another process has it.</summary>
    public async Task<string?> TryAcquireAsync(RuleDefinition rule, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var now = time.GetUtcNow();
        var key = (rule.Company, rule.Id);
        var lease = _held.GetValueOrDefault(key);
        if (lease is not null && lease.Until - now > LeaseFor(rule) / 2)
        {
            return null;
        }

        var until = now + LeaseFor(rule);
        var fresh = Guid.NewGuid().ToString("N");
        await using var connection = await dialect.OpenAsync(ct);
        var token = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            INSERT INTO rule_state (company_id, rule_id, lease_owner, lease_until, lease_token, updated_at)
            VALUES (@Company, @Id, @Me, @Until, @Fresh, @Now)
            ON CONFLICT (company_id, rule_id) DO UPDATE
                SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until,
                    lease_token = CASE WHEN rule_state.lease_token = @Held THEN rule_state.lease_token ELSE excluded.lease_token END
                WHERE rule_state.lease_token = @Held OR rule_state.lease_owner IS NULL
                   OR rule_state.lease_until IS NULL OR rule_state.lease_until < @Now
            RETURNING lease_token
            """,
            new
            {
                rule.Company, rule.Id, Me = tracker.InstanceId, Until = until.ToStored(), Now = now.ToStored(),
                Fresh = fresh, Held = lease?.Token,
            }, cancellationToken: ct));
        if (token is not null && (token == lease?.Token || token == fresh))
        {
            _held[key] = new HeldLease(token, until);
            return null;
        }

        _held.TryRemove(key, out _);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT lease_owner FROM rule_state WHERE company_id = @Company AND rule_id = @Id",
            new { rule.Company, rule.Id }, cancellationToken: ct)) ?? "another instance";
    }

    /// <summary>Inside the poll's transaction: still this process's lease? Extends it and locks the row until commit.</summary>
    public async Task ConfirmAsync(DbConnection connection, DbTransaction transaction, RuleDefinition rule, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var key = (rule.Company, rule.Id);
        var lease = _held.GetValueOrDefault(key);
        var until = time.GetUtcNow() + LeaseFor(rule);
        var renewed = lease is not null && await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE rule_state SET lease_until = @Until
            WHERE company_id = @Company AND rule_id = @Id AND lease_token = @Held
            """,
            new { rule.Company, rule.Id, Held = lease.Token, Until = until.ToStored() },
            transaction, cancellationToken: ct)) == 1;
        if (!renewed)
        {
            throw new LeaseLostException($"another instance took over rule {rule.Id} during this poll; its result was discarded.");
        }

        // Counted before the commit: a poll that rolls back leaves the stored end where it was, earlier than this one by
        // at most the time since the last write, which the next acquisition (at half the lease) or beat writes again.
        _held.TryUpdate(key, lease! with { Until = until }, lease!);
    }

    /// <summary>The heartbeat: extends every lease this process holds, in one transaction; forgets those it no longer
    /// holds.</summary>
    public async Task RenewHeldAsync(CancellationToken ct)
    {
        var due = _held.ToList();
        if (due.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var until = now + options.Value.LeaseDuration;
        var renewed = new List<KeyValuePair<(string Company, string Rule), HeldLease>>();
        await using var connection = await dialect.OpenAsync(ct);
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            foreach (var held in due)
            {
                var ((company, rule), lease) = held;
                if (await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE rule_state SET lease_until = @Until WHERE company_id = @Company AND rule_id = @Rule AND lease_token = @Token",
                        new { Company = company, Rule = rule, lease.Token, Until = until.ToStored() }, transaction, cancellationToken: ct)) == 1)
                {
                    renewed.Add(held);
                }
            }

            await transaction.CommitAsync(ct);
        }

        foreach (var held in due)
        {
            if (renewed.Contains(held))
            {
                _held.TryUpdate(held.Key, held.Value with { Until = until }, held.Value);
            }
            else
            {
                _held.TryRemove(held);
            }
        }
    }

    /// <summary>Gives up this process's leases (clean shutdown), so another instance takes over at once.</summary>
    public async Task ReleaseAllAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        foreach (var held in _held)
        {
            var ((company, rule), lease) = held;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE rule_state SET lease_owner = NULL, lease_until = NULL, lease_token = NULL
                WHERE company_id = @Company AND rule_id = @Rule AND lease_token = @Token
                """,
                new { Company = company, Rule = rule, lease.Token }, cancellationToken: ct));
            _held.TryRemove(held);
        }
    }

    /// <summary>
    /// At start-up, once this process has made sure no other live process uses its instance id: frees the leases a dead
    /// predecessor under the same id still holds, so the rules are polled at once rather than when those leases lapse.
    /// </summary>
    public async Task<int> ReleaseLeftByPredecessorAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE rule_state SET lease_owner = NULL, lease_until = NULL, lease_token = NULL
            WHERE lease_owner = @Me
            """,
            new { Me = tracker.InstanceId }, cancellationToken: ct));
    }
}

/// <summary>A lease this process holds: its fencing token, and the end it last wrote.</summary>
internal sealed record HeldLease(string Token, DateTimeOffset Until);

public sealed class LeaseLostException(string message) : Exception(message);
