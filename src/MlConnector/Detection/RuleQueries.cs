using Dapper;
using MlConnector.Alerts;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.Detection;

public sealed record RuleStatus(
    string Id, string Description, string Company, string Transport, string Table, TimeSpan Cadence, string Transitions,
    string Template, bool Paused, DateTimeOffset? LastPollAt, long? LastDurationMs, long? LastRowsRead, long? LastEvents,
    string? LastError, TimeSpan? Lag, string? HeldBy = null, DateTimeOffset? HeldUntil = null, HeldAlerts? Held = null,
    RuleSchemaStatus? Schema = null)
{
    /// <summary>How the rule finds changes now, in words (<see cref="RowVersionReads.Describe"/>).</summary>
    public string? ChangeDetection { get; init; }

    /// <summary>When the rule last read its whole working set.</summary>
    public DateTimeOffset? LastFullReadAt { get; init; }

    /// <summary>Late: no poll for more than two cadences.</summary>
    public bool IsLate => !Paused && (Lag is null || Lag > Cadence * 2);
}

public sealed record PollRun(DateTimeOffset StartedAt, string InstanceId, long DurationMs, long RowsRead, long Events, string? Error);

/// <summary>The configured rules joined with their stored state and recent polls.</summary>
public sealed class RuleQueries(IDbDialect dialect, RuleSet rules, AlertHolds holds, RuleSchemas schemas, RowVersionReads rowVersions,
    TimeProvider time)
{
    public async Task<IReadOnlyList<RuleStatus>> StatusAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var states = (await connection.QueryAsync<StateRow>(new CommandDefinition(
            """
            SELECT company_id AS Company, rule_id AS RuleId, paused AS Paused, last_poll_at AS LastPollAt,
                   last_poll_duration_ms AS LastDurationMs, last_rows_read AS LastRowsRead, last_events AS LastEvents,
                   last_error AS LastError, lease_owner AS LeaseOwner, lease_until AS LeaseUntil, full_read_at AS FullReadAt
            FROM rule_state
            """, cancellationToken: ct))).ToDictionary(s => (s.Company, s.RuleId));
        var held = await holds.AllAsync(ct);
        var now = time.GetUtcNow();
        return rules.Rules.Select(r =>
        {
            var s = states.GetValueOrDefault((r.Company, r.Id));
            var last = UnixTime.FromStored(s?.LastPollAt);
            var schema = schemas.StatusOf(r);
            return new RuleStatus(r.Id, r.Description, r.Company, r.Transport.ToString(), r.Table, r.Cadence,
                string.Join(", ", r.Transitions), r.Template, s?.Paused == 1, last, s?.LastDurationMs, s?.LastRowsRead,
                s?.LastEvents, s?.LastError, last is { } l ? now - l : null,
                s?.LeaseUntil > now.ToStored() ? s.LeaseOwner : null, UnixTime.FromStored(s?.LeaseUntil),
                held.GetValueOrDefault((r.Company, r.Id)), schema)
            {
                ChangeDetection = rowVersions.Describe(r, schema),
                LastFullReadAt = UnixTime.FromStored(s?.FullReadAt),
            };
        }).ToList();
    }

    public async Task<IReadOnlyList<PollRun>> RecentRunsAsync(string ruleId, int count, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long StartedAt, string InstanceId, long DurationMs, long RowsRead, long Events, string? Error)>(
            new CommandDefinition(
                """
                SELECT started_at, instance_id, duration_ms, rows_read, events, error FROM poll_runs
                WHERE rule_id = @ruleId ORDER BY id DESC LIMIT @count
                """, new { ruleId, count }, cancellationToken: ct));
        return rows.Select(r => new PollRun(UnixTime.FromStored(r.StartedAt), r.InstanceId, r.DurationMs, r.RowsRead, r.Events, r.Error)).ToList();
    }

    private sealed class StateRow
    {
        public string Company { get; set; } = "";
        public string RuleId { get; set; } = "";
        public long Paused { get; set; }
        public long? LastPollAt { get; set; }
        public long? LastDurationMs { get; set; }
        public long? LastRowsRead { get; set; }
        public long? LastEvents { get; set; }
        public string? LastError { get; set; }
        public string? LeaseOwner { get; set; }
        public long? LeaseUntil { get; set; }
        public long? FullReadAt { get; set; }
    }
}
