using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.Detection;

/// <summary>
/// Makes sure one instance polls a rule at a time when several share a database: a lease row per rule, with times
/// from the injected clock (never the database's), renewed at every poll and taken over by another instance once
/// its holder stops renewing. A poll also re-checks its lease inside the transaction that records it, so a holder
/// that lost its lease mid-poll commits nothing.
/// </summary>
public sealed class RuleLeases(IDbDialect dialect, PollTracker tracker, IOptions<PollingOptions> options, TimeProvider time)
{
    /// <summary>How long a lease lasts: the rule's cadence plus a grace period, so it outlives the gap between polls.</summary>
    public TimeSpan LeaseFor(RuleDefinition rule) => rule.Cadence + options.Value.LeaseGrace;

    /// <summary>Takes or renews the rule's lease; returns the current holder when another instance has it.</summary>
    public async Task<string?> TryAcquireAsync(RuleDefinition rule, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dialect.OpenAsync(ct);
        var owner = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            INSERT INTO rule_state (company_id, rule_id, lease_owner, lease_until, updated_at)
            VALUES (@Company, @Id, @Me, @Until, @Now)
            ON CONFLICT (company_id, rule_id) DO UPDATE
                SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
                WHERE rule_state.lease_owner IS NULL OR rule_state.lease_owner = excluded.lease_owner
                   OR rule_state.lease_until IS NULL OR rule_state.lease_until < @Now
            RETURNING lease_owner
            """,
            new { rule.Company, rule.Id, Me = tracker.InstanceId, Until = (now + LeaseFor(rule)).ToStored(), Now = now.ToStored() },
            cancellationToken: ct));
        if (owner == tracker.InstanceId)
        {
            return null;
        }

        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT lease_owner FROM rule_state WHERE company_id = @Company AND rule_id = @Id",
            new { rule.Company, rule.Id }, cancellationToken: ct)) ?? "another instance";
    }

    /// <summary>Inside the poll's transaction: still ours? Extends the lease and locks the row until commit.</summary>
    public async Task ConfirmAsync(DbConnection connection, DbTransaction transaction, RuleDefinition rule, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var held = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE rule_state SET lease_until = @Until
            WHERE company_id = @Company AND rule_id = @Id AND lease_owner = @Me
            """,
            new { rule.Company, rule.Id, Me = tracker.InstanceId, Until = (now + LeaseFor(rule)).ToStored() },
            transaction, cancellationToken: ct));
        if (held == 0)
        {
            throw new LeaseLostException($"another instance took over rule {rule.Id} during this poll; its result was discarded.");
        }
    }

    /// <summary>Gives up this instance's leases (clean shutdown), so another instance takes over at once.</summary>
    public async Task ReleaseAllAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rule_state SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = @Me",
            new { Me = tracker.InstanceId }, cancellationToken: ct));
    }
}

public sealed class LeaseLostException(string message) : Exception(message);
