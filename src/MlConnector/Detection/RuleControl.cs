using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.Detection;

/// <summary>Pauses and resumes a rule (<c>rule_state.paused</c>, which the scheduler checks before each poll), audited.</summary>
public sealed class RuleControl(IDbDialect dialect, RuleSet rules, TimeProvider time)
{
    /// <summary>False when no such rule is configured.</summary>
    public async Task<bool> SetPausedAsync(string ruleId, bool paused, string actor, string? reason, CancellationToken ct)
    {
        if (rules.Find(ruleId) is not { } rule)
        {
            return false;
        }

        var now = time.GetUtcNow();
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO rule_state (company_id, rule_id, paused, updated_at) VALUES (@Company, @Id, @paused, @now)
            ON CONFLICT (company_id, rule_id) DO UPDATE SET paused = excluded.paused, updated_at = excluded.updated_at
            """,
            new { rule.Company, rule.Id, paused = paused ? 1 : 0, now = now.ToStored() }, transaction, cancellationToken: ct));
        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(rule.Company, null, now,
            paused ? AuditKinds.RulePaused : AuditKinds.RuleResumed, actor,
            JsonSerializer.Serialize(new { rule = rule.Id, reason })), ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
