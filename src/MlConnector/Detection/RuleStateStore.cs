using System.Data.Common;
using Dapper;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.Detection;

/// <summary>A rule's stored state (watermark, rowversion and last whole read, snapshot, last poll) and the writes a poll
/// makes to it.</summary>
public sealed class RuleStateStore(IDbDialect dialect)
{
    /// <summary>The rule's state without its snapshot: what decides how the rule reads this time.</summary>
    public async Task<RuleState> LoadHeaderAsync(RuleDefinition rule, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await HeaderAsync(connection, rule, ct);
    }

    /// <summary>The state with the rule's whole snapshot (for a whole read, which must see every record it remembers).</summary>
    public async Task<RuleState> WithSnapshotAsync(RuleState header, RuleDefinition rule, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(header);
        await using var connection = await dialect.OpenAsync(ct);
        var snapshot = new Dictionary<string, SnapshotEntry>(StringComparer.Ordinal);
        await ReadEntriesAsync(connection, "", new { rule.Company, rule.Id }, snapshot, ct);
        return header with { Snapshot = snapshot };
    }

    /// <summary>The state with only the records a read of changes returned, and how many the rule remembers in all:
    /// an idle poll by rowversion reads a few rows and loads a few records, not the whole snapshot (issue 15).</summary>
    public async Task<RuleState> WithRecordsAsync(RuleState header, RuleDefinition rule, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(header);
        await using var connection = await dialect.OpenAsync(ct);
        var snapshot = new Dictionary<string, SnapshotEntry>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            var args = new DynamicParameters(new { rule.Company, rule.Id });
            await ReadEntriesAsync(connection, $" AND record_key IN ({SqlList.Add(args, "k", chunk)})", args, snapshot, ct);
        }

        var remembered = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM rule_snapshot WHERE company_id = @Company AND rule_id = @Id AND missing_reads = 0",
            new { rule.Company, rule.Id }, cancellationToken: ct));
        return header with { Snapshot = snapshot, RememberedCount = (int)remembered };
    }

    private static async Task<RuleState> HeaderAsync(DbConnection connection, RuleDefinition rule, CancellationToken ct)
    {
        var header = await connection.QuerySingleOrDefaultAsync<(string? Watermark, long? BaselinedAt, string? RowVersion, long? FullReadAt)>(
            new CommandDefinition(
                "SELECT watermark, baselined_at, row_version, full_read_at FROM rule_state WHERE company_id = @Company AND rule_id = @Id",
                new { rule.Company, rule.Id }, cancellationToken: ct));
        return new RuleState(header.Watermark, header.BaselinedAt is not null, new Dictionary<string, SnapshotEntry>())
        {
            RowVersion = header.RowVersion,
            FullReadAt = UnixTime.FromStored(header.FullReadAt),
        };
    }

    // Read unbuffered into the dictionary (no second list of every record), with one string per distinct status and
    // watermark value (a rule has a handful of statuses and dates, and many thousands of records).
    private static async Task ReadEntriesAsync(DbConnection connection, string andWhere, object args,
        Dictionary<string, SnapshotEntry> snapshot, CancellationToken ct)
    {
        var values = new SharedStrings();
        var entries = connection.QueryUnbufferedAsync<(string RecordKey, string Fingerprint, string? StatusAndWatermark, long MissingReads, long? MissingSince)>(
            "SELECT record_key, fingerprint, watched, missing_reads, missing_since FROM rule_snapshot " +
            "WHERE company_id = @Company AND rule_id = @Id" + andWhere,
            args);
        await foreach (var e in entries.WithCancellation(ct))
        {
            snapshot[e.RecordKey] = Decode(e.RecordKey, e.Fingerprint, e.StatusAndWatermark, values) with
            {
                MissingReads = (int)e.MissingReads,
                MissingSince = UnixTime.FromStored(e.MissingSince),
            };
        }
    }

    public Task<bool> IsPausedAsync(RuleDefinition rule, CancellationToken ct) => WithConnection(async connection =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT paused FROM rule_state WHERE company_id = @Company AND rule_id = @Id",
            new { rule.Company, rule.Id }, cancellationToken: ct)) is 1, ct);

    /// <summary>Applies a detection result inside the caller's transaction.</summary>
    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, RuleDefinition rule,
        DetectionResult result, DateTimeOffset now, CancellationToken ct)
    {
        if (!result.ChangesState)
        {
            return;
        }

        if (result.Removals.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM rule_snapshot WHERE company_id = @Company AND rule_id = @Id AND record_key = @Key",
                result.Removals.Select(k => new { rule.Company, rule.Id, Key = k }), transaction, cancellationToken: ct));
        }

        if (result.Upserts.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO rule_snapshot (company_id, rule_id, record_key, fingerprint, watched, seen_at, missing_reads, missing_since)
                VALUES (@Company, @Id, @RecordKey, @Fingerprint, @StatusAndWatermark, @Now, @MissingReads, @MissingSince)
                ON CONFLICT (company_id, rule_id, record_key)
                DO UPDATE SET fingerprint = excluded.fingerprint, watched = excluded.watched, seen_at = excluded.seen_at,
                              missing_reads = excluded.missing_reads, missing_since = excluded.missing_since
                """,
                result.Upserts.Select(e => new
                {
                    rule.Company, rule.Id, e.RecordKey, Fingerprint = RowFingerprint.ToText(e.Fingerprint), StatusAndWatermark = Encode(e),
                    // A tombstone keeps the time it was last seen.
                    Now = e.IsTombstone ? (e.MissingSince ?? now).ToStored() : now.ToStored(),
                    MissingReads = (long)e.MissingReads, MissingSince = e.MissingSince?.ToStored(),
                }),
                transaction, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO rule_state (company_id, rule_id, watermark, baselined_at, updated_at, row_version, full_read_at)
            VALUES (@Company, @Id, @Watermark, @Now, @Now, @RowVersion, @FullReadAt)
            ON CONFLICT (company_id, rule_id)
            DO UPDATE SET watermark = excluded.watermark,
                          baselined_at = COALESCE(rule_state.baselined_at, excluded.baselined_at),
                          updated_at = excluded.updated_at,
                          row_version = excluded.row_version,
                          full_read_at = COALESCE(excluded.full_read_at, rule_state.full_read_at)
            """,
            new
            {
                rule.Company, rule.Id, result.Watermark, Now = now.ToStored(), result.RowVersion,
                FullReadAt = result.FullRead ? now.ToStored() : (long?)null,
            },
            transaction, cancellationToken: ct));
    }

    /// <summary>Records one poll (success or failure) for the dashboard and /health.</summary>
    public async Task RecordPollAsync(RuleDefinition rule, PollRecord poll, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await RecordPollAsync(connection, transaction, rule, poll, ct);
        await transaction.CommitAsync(ct);
    }

    public static async Task RecordPollAsync(DbConnection connection, DbTransaction transaction, RuleDefinition rule, PollRecord poll, CancellationToken ct)
    {
        var args = new
        {
            rule.Company, rule.Id, poll.InstanceId, StartedAt = poll.StartedAt.ToStored(),
            DurationMs = (long)poll.Duration.TotalMilliseconds, poll.RowsRead, Events = poll.AlertsEnqueued, poll.Error, poll.RunId,
        };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO rule_state (company_id, rule_id, last_poll_at, last_poll_duration_ms, last_rows_read, last_events, last_error, updated_at)
            VALUES (@Company, @Id, @StartedAt, @DurationMs, @RowsRead, @Events, @Error, @StartedAt)
            ON CONFLICT (company_id, rule_id)
            DO UPDATE SET last_poll_at = excluded.last_poll_at, last_poll_duration_ms = excluded.last_poll_duration_ms,
                          last_rows_read = excluded.last_rows_read, last_events = excluded.last_events,
                          last_error = excluded.last_error, updated_at = excluded.updated_at
            """, args, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO poll_runs (company_id, rule_id, instance_id, started_at, duration_ms, rows_read, events, error, run_id)
            VALUES (@Company, @Id, @InstanceId, @StartedAt, @DurationMs, @RowsRead, @Events, @Error, @RunId)
            """, args, transaction, cancellationToken: ct));
    }

    // The snapshot's column "watched" (its name since the first migration) holds the record's status and its value of
    // the watermark column, separated by a unit separator. A blank status (SYSPRO's "normal" requisition) is not a
    // missing one, so a missing status is written as NoValue.
    private const string NoValue = "\u001e";

    private static string Encode(SnapshotEntry e) => $"{e.Status ?? NoValue}\u001f{e.WatermarkValue}";

    private static SnapshotEntry Decode(string key, string fingerprint, string? statusAndWatermark, SharedStrings values)
    {
        var text = (statusAndWatermark ?? NoValue).AsSpan();
        var separator = text.IndexOf('\u001f');
        var status = separator < 0 ? text : text[..separator];
        var watermark = separator < 0 ? [] : text[(separator + 1)..];
        return new SnapshotEntry(key, RowFingerprint.Parse(fingerprint), status.SequenceEqual(NoValue) ? null : values.Of(status),
            watermark.IsEmpty ? null : values.Of(watermark));
    }

    private async Task<T> WithConnection<T>(Func<DbConnection, Task<T>> action, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await action(connection);
    }
}
