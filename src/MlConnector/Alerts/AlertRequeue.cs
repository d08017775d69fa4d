using System.Data.Common;
using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>
/// Replay's SQL: a new attempt chain on the same alert (pending, attempts reset, due now, validity counted from now),
/// audited with who and why, in one transaction.
/// </summary>
public sealed class AlertRequeue(IDbDialect dialect)
{
    public async Task<ReplayOutcome> RequeueAsync(long alertId, string actor, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var current = await connection.QuerySingleOrDefaultAsync<(string CompanyId, string State)?>(new CommandDefinition(
            "SELECT company_id, state FROM alerts WHERE id = @Id", new { Id = alertId }, transaction, cancellationToken: ct));
        if (current is not { } alert)
        {
            return ReplayOutcome.NotFound;
        }

        if (alert.State == AlertStates.Pending)
        {
            return ReplayOutcome.StillPending;
        }

        if (alert.State == AlertStates.Held)
        {
            return ReplayOutcome.Held;
        }

        await RequeueAsync(connection, transaction, alertId, alert.CompanyId, alert.State, actor, reason, null, now, ct);
        await transaction.CommitAsync(ct);
        return ReplayOutcome.Replayed;
    }

    /// <summary>Requeues every alert that failed (last changed) at or after <paramref name="since"/>; returns how many.</summary>
    public async Task<int> RequeueFailedSinceAsync(DateTimeOffset since, string actor, string? reason, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var failed = (await connection.QueryAsync<(long Id, string CompanyId)>(new CommandDefinition(
            "SELECT id, company_id FROM alerts WHERE state = @Failed AND updated_at >= @Since ORDER BY id",
            new { Since = since.ToStored(), AlertStates.Failed }, transaction, cancellationToken: ct))).ToList();
        foreach (var (id, companyId) in failed)
        {
            await RequeueAsync(connection, transaction, id, companyId, AlertStates.Failed, actor, reason, since, now, ct);
        }

        await transaction.CommitAsync(ct);
        return failed.Count;
    }

    private static async Task RequeueAsync(DbConnection connection, DbTransaction transaction, long id, string companyId,
        string previousState, string actor, string? reason, DateTimeOffset? since, DateTimeOffset now, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE alerts SET state = @Pending, attempts = 0, next_attempt_at = @Now, lease_owner = NULL, lease_until = NULL,
                message_sid = NULL, delivery_status = NULL, error_code = NULL, error_message = NULL, in_doubt_since = NULL,
                send_token = NULL, lookup_failures = 0, chain_started_at = @Now, updated_at = @Now
            WHERE id = @Id AND {AlertTransitions.SqlFilterInto(AlertStates.Pending, except: AlertStates.Held)}
            """, new { Id = id, Now = now.ToStored(), AlertStates.Pending }, transaction, cancellationToken: ct));
        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(companyId, id, now, AuditKinds.Replay, actor,
            JsonSerializer.Serialize(new { reason, previousState, bulkSince = since })), ct);
    }
}
