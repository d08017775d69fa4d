using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Storage;

namespace MlConnector.Outbox;

/// <summary>What a replay request came to.</summary>
public enum ReplayOutcome
{
    Replayed,
    NotFound,
    /// <summary>The alert is still pending (queued or being retried): there is nothing to replay.</summary>
    StillPending,
}

/// <summary>
/// Replay: a new attempt chain on the same alert (pending, attempts reset, due now, validity counted from now),
/// audited with who and why. One service for the CLI now and the API and dashboard later.
/// </summary>
public sealed class ReplayService(IDbDialect dialect, DispatcherActivity activity, TimeProvider time, ILogger<ReplayService> logger)
{
    public async Task<ReplayOutcome> ReplayAsync(long alertId, string actor, string? reason, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
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

        await RequeueAsync(connection, transaction, alertId, alert.CompanyId, alert.State, actor, reason, null, ct);
        await transaction.CommitAsync(ct);
        logger.Replayed(actor, 1);
        activity.Wake();
        return ReplayOutcome.Replayed;
    }

    /// <summary>How many alerts failed (last changed) at or after <paramref name="since"/>.</summary>
    public async Task<int> CountFailedSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM alerts WHERE state = 'failed' AND updated_at >= @Since",
            new { Since = since.ToStored() }, cancellationToken: ct));
    }

    /// <summary>Replays every alert that failed at or after <paramref name="since"/>; returns how many.</summary>
    public async Task<int> ReplayFailedSinceAsync(DateTimeOffset since, string actor, string? reason, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var failed = (await connection.QueryAsync<(long Id, string CompanyId)>(new CommandDefinition(
            "SELECT id, company_id FROM alerts WHERE state = 'failed' AND updated_at >= @Since ORDER BY id",
            new { Since = since.ToStored() }, transaction, cancellationToken: ct))).ToList();
        foreach (var (id, companyId) in failed)
        {
            await RequeueAsync(connection, transaction, id, companyId, AlertStates.Failed, actor, reason, since, ct);
        }

        await transaction.CommitAsync(ct);
        logger.Replayed(actor, failed.Count);
        activity.Wake();
        return failed.Count;
    }

    private async Task RequeueAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        long id, string companyId, string previousState, string actor, string? reason, DateTimeOffset? since, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alerts SET state = 'pending', attempts = 0, next_attempt_at = @Now, lease_owner = NULL, lease_until = NULL,
                message_sid = NULL, delivery_status = NULL, error_code = NULL, error_message = NULL, in_doubt_since = NULL,
                chain_started_at = @Now, updated_at = @Now
            WHERE id = @Id
            """, new { Id = id, Now = now.ToStored() }, transaction, cancellationToken: ct));
        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(companyId, id, now, AuditKinds.Replay, actor,
            JsonSerializer.Serialize(new { reason, previousState, bulkSince = since })), ct);
    }
}
