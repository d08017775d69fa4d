using System.Data.Common;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Detection;

/// <summary>An event whose recipients resolved to nobody: which rule and record, the transition, and why nobody was
/// chosen (the route, group or code that failed).</summary>
public sealed record UnroutedEvent(
    long Id, string Company, string RuleId, string SourceTable, string RecordKey, string Transition, string Reason,
    DateTimeOffset DetectedAt);

/// <summary>
/// The table <c>unrouted_events</c>: events that texted nobody, recorded in the poll's transaction so the operator sees
/// them on the dashboard, the API, <c>/metrics</c> and <c>preview</c> instead of only in a log line. An occurrence is
/// recorded once: rule, record, transition and the poll run that detected it (the alerts' occurrence, issue 12) are
/// unique per company.
/// </summary>
public sealed class UnroutedEvents(IDbDialect dialect)
{
    /// <summary>Records one occurrence inside the poll's transaction; false when it was recorded before.</summary>
    public static async Task<bool> RecordAsync(DbConnection connection, DbTransaction transaction, UnroutedEvent unrouted,
        string occurrence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(unrouted);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO unrouted_events (company_id, event_key, rule_id, source_table, source_key, transition, reason, detected_at)
            VALUES (@Company, @Key, @RuleId, @SourceTable, @RecordKey, @Transition, @Reason, @DetectedAt)
            ON CONFLICT (company_id, event_key) DO NOTHING
            """,
            new
            {
                unrouted.Company, Key = $"{unrouted.RuleId}|{unrouted.RecordKey}|{unrouted.Transition}|{occurrence}",
                unrouted.RuleId, unrouted.SourceTable, unrouted.RecordKey, unrouted.Transition, unrouted.Reason,
                DetectedAt = unrouted.DetectedAt.ToStored(),
            },
            transaction, cancellationToken: ct)) == 1;
    }

    /// <summary>The most recent unrouted events, newest first, optionally of one rule or company.</summary>
    public async Task<IReadOnlyList<UnroutedEvent>> ListAsync(string? rule, string? company, int limit, CancellationToken ct)
    {
        var conditions = new List<string>();
        if (!string.IsNullOrWhiteSpace(rule))
        {
            conditions.Add("rule_id = @rule");
        }

        if (!string.IsNullOrWhiteSpace(company))
        {
            conditions.Add("company_id = @company");
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT id AS Id, company_id AS Company, rule_id AS RuleId, source_table AS SourceTable, source_key AS RecordKey,
                   transition AS Transition, reason AS Reason, detected_at AS DetectedAt
            FROM unrouted_events {where}
            ORDER BY id DESC LIMIT @limit
            """, new { rule, company, limit = Math.Clamp(limit, 1, 500) }, cancellationToken: ct));
        return rows.Select(r => r.ToEvent()).ToList();
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public string Company { get; set; } = "";
        public string RuleId { get; set; } = "";
        public string SourceTable { get; set; } = "";
        public string RecordKey { get; set; } = "";
        public string Transition { get; set; } = "";
        public string Reason { get; set; } = "";
        public long DetectedAt { get; set; }

        public UnroutedEvent ToEvent() =>
            new(Id, Company, RuleId, SourceTable, RecordKey, Transition, Reason, UnixTime.FromStored(DetectedAt));
    }
}
