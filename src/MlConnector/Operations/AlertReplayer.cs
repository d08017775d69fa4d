using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Outbox;
using MlConnector.Storage;

namespace MlConnector.Operations;

/// <summary>What a replay means in the schema: back to pending, attempts 0, due now, lease and error cleared, and an
/// audit "replay" with actor and reason, in one transaction. The dispatcher then sends the stored body again.</summary>
public sealed class AlertReplayer(IDbDialect dialect, TimeProvider time) : IAlertReplayer
{
    public async Task<bool> ReplayAsync(long alertId, string actor, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var before = await connection.QuerySingleOrDefaultAsync<(string Company, string State)?>(new CommandDefinition(
            "SELECT company_id, state FROM alerts WHERE id = @alertId", new { alertId }, transaction, cancellationToken: ct));
        if (before is not { } found || found.State is AlertStates.Pending or AlertStates.Sending)
        {
            return false;
        }

        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alerts SET state = @pending, attempts = 0, next_attempt_at = @now, lease_owner = NULL, lease_until = NULL,
                error_code = NULL, error_message = NULL, in_doubt_since = NULL, delivery_status = NULL, updated_at = @now
            WHERE id = @alertId AND state = @state
            """,
            new { pending = AlertStates.Pending, now = now.ToStored(), alertId, state = found.State }, transaction, cancellationToken: ct));
        if (updated != 1)
        {
            return false;
        }

        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(found.Company, alertId, now, AuditKinds.Replay, actor,
            JsonSerializer.Serialize(new { reason, previousState = found.State })), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<int> ReplayFailedSinceAsync(DateTimeOffset since, string actor, string reason, CancellationToken ct,
        IProgress<int>? progress = null)
    {
        List<long> ids;
        await using (var connection = await dialect.OpenAsync(ct))
        {
            ids = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT id FROM alerts WHERE state = @failed AND updated_at >= @since ORDER BY id",
                new { failed = AlertStates.Failed, since = since.ToStored() }, cancellationToken: ct))).ToList();
        }

        var replayed = 0;
        foreach (var id in ids)
        {
            replayed += await ReplayAsync(id, actor, reason, ct) ? 1 : 0;
            progress?.Report(replayed);
        }

        return replayed;
    }
}
