using System.Data.Common;
using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>Why a poll's alerts went to the hold instead of the queue (kept in each alert's audit line).</summary>
public sealed record HoldReason(string Text);

/// <summary>A rule's hold: how many alerts wait in it, and since when (the oldest one's creation).</summary>
public sealed record HeldAlerts(long Alerts, DateTimeOffset Since);

/// <summary>
/// The alerts of a rule that wait in state held, all together: whether a hold exists (a poll joins it), how big it
/// is, and the operator's two ways out, release (pending, due now) or discard, each audited per alert with who and why.
/// </summary>
public sealed class AlertHolds(IDbDialect dialect)
{
    /// <summary>Inside a poll's transaction: whether the rule has a hold its new alerts must join.</summary>
    public static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string companyId, string ruleId,
        CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT 1 FROM alerts WHERE state = @Held AND company_id = @companyId AND rule_id = @ruleId LIMIT 1",
            new { AlertStates.Held, companyId, ruleId }, transaction, cancellationToken: ct)) is not null;

    /// <summary>Every rule's hold, by (company, rule); a rule without one is absent.</summary>
    public async Task<IReadOnlyDictionary<(string Company, string Rule), HeldAlerts>> AllAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Company, string Rule, long Count, long Since)>(new CommandDefinition(
            """
            SELECT company_id, rule_id, COUNT(*), MIN(created_at) FROM alerts WHERE state = @Held
            GROUP BY company_id, rule_id
            """, new { AlertStates.Held }, cancellationToken: ct));
        return rows.ToDictionary(r => (r.Company, r.Rule), r => new HeldAlerts(r.Count, UnixTime.FromStored(r.Since)));
    }

    /// <summary>Queues every held alert of the rule (due now, validity counted from now); returns how many.</summary>
    public Task<int> ReleaseAsync(string companyId, string ruleId, string actor, string reason, DateTimeOffset now, CancellationToken ct) =>
        EndAsync(companyId, ruleId, AlertStates.Pending, AuditKinds.Released, actor, reason, now, ct);

    /// <summary>Discards every held alert of the rule: none of them is ever sent; returns how many.</summary>
    public Task<int> DiscardAsync(string companyId, string ruleId, string actor, string reason, DateTimeOffset now, CancellationToken ct) =>
        EndAsync(companyId, ruleId, AlertStates.Discarded, AuditKinds.Discarded, actor, reason, now, ct);

    private async Task<int> EndAsync(string companyId, string ruleId, string to, string kind, string actor, string reason,
        DateTimeOffset now, CancellationToken ct)
    {
        var due = to == AlertStates.Pending ? now.ToStored() : (long?)null;
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            UPDATE alerts SET state = @to, next_attempt_at = @due, chain_started_at = @due, updated_at = @now
            WHERE company_id = @companyId AND rule_id = @ruleId AND {AlertTransitions.SqlFilterFrom(AlertStates.Held, to)}
            RETURNING id
            """, new { to, due, now = now.ToStored(), companyId, ruleId }, transaction, cancellationToken: ct))).Order().ToList();
        var detail = JsonSerializer.Serialize(new { rule = ruleId, reason, alerts = ids.Count });
        foreach (var id in ids)
        {
            await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(companyId, id, now, kind, actor, detail), ct);
        }

        await transaction.CommitAsync(ct);
        return ids.Count;
    }
}
