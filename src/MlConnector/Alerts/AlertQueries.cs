using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using MlConnector.Audit;
using MlConnector.Recipients;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>Reads alerts and their audit trail for the dashboard, the API and the CLI (one query service for all three).</summary>
public sealed class AlertQueries(IDbDialect dialect, FieldProtector protector, IOptions<DirectoryOptions> directory)
{
    public async Task<AlertPage> ListAsync(AlertFilter filter, CancellationToken ct)
    {
        var (where, args) = Where(filter);
        var pageSize = Math.Clamp(filter.PageSize, 1, 500);
        var page = Math.Max(filter.Page, 1);
        await using var connection = await dialect.OpenAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            where = await WithTextAsync(connection, where, args, filter.Text.Trim(), ct);
        }

        args.Add("limit", pageSize);
        args.Add("offset", (page - 1) * pageSize);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM alerts {where}", args, cancellationToken: ct));
        var rows = await connection.QueryAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertRow.Columns} FROM alerts {where} ORDER BY id DESC LIMIT @limit OFFSET @offset", args, cancellationToken: ct));
        return new AlertPage(rows.Select(ToSummary).ToList(), page, pageSize, total);
    }

    public async Task<AlertDetail?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertRow.Columns}, body AS Body, segments AS Segments, encoding AS Encoding FROM alerts WHERE id = @id", new { id }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var audit = await AuditTrail.ForAlertAsync(connection, id, ct);
        var source = audit.FirstOrDefault(a => a.Kind == AuditKinds.Detected && a.SealedDetail is not null) is { } detected
            ? JsonSerializer.Deserialize<Dictionary<string, string?>>(protector.Unprotect(detected.SealedDetail!, AuditWriter.SealedDetailPurpose)) ?? []
            : [];
        var eventAlerts = row.AckReference is null
            ? null
            : (await connection.QueryAsync<AlertRow>(new CommandDefinition(
                $"SELECT {AlertRow.Columns} FROM alerts WHERE ack_event_id = (SELECT a.ack_event_id FROM alerts a WHERE a.id = @id) ORDER BY id",
                new { id }, cancellationToken: ct))).Select(ToSummary).ToList();
        return new AlertDetail(ToSummary(row), protector.Unprotect(row.Body!, AlertEnqueuer.BodyPurpose), (int)row.Segments,
            row.Encoding ?? "", source, audit.Select(a => a.ToLine()).ToList(), eventAlerts);
    }

    public async Task<IReadOnlyList<StateCount>> CountByStateAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM alerts WHERE created_at >= @since GROUP BY state ORDER BY state",
            new { since = since.ToStored() }, cancellationToken: ct));
        return rows.Select(r => new StateCount(r.State, r.Count)).ToList();
    }

    public async Task<long> CountFailedSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM alerts WHERE state = @failed AND updated_at >= @since",
            new { failed = AlertStates.Failed, since = since.ToStored() }, cancellationToken: ct));
    }

    /// <summary>How many alerts (the newest the other filters select) a text search reads: texts are encrypted, so
    /// each is decrypted to be searched; a date range reaches further back.</summary>
    public const int TextSearchScan = 5000;

    // Message text is sealed in the database, so no SQL can search it: the newest alerts the other filters select are
    // decrypted here and the matching ids become one more condition.
    private async Task<string> WithTextAsync(System.Data.Common.DbConnection connection, string where, DynamicParameters args, string text,
        CancellationToken ct)
    {
        args.Add("scan", TextSearchScan);
        var rows = await connection.QueryAsync<(long Id, byte[] Body)>(new CommandDefinition(
            $"SELECT id, body FROM alerts {where} ORDER BY id DESC LIMIT @scan", args, cancellationToken: ct));
        var ids = rows.Where(r => protector.UnprotectOr(r.Body, AlertEnqueuer.BodyPurpose, "").Contains(text, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Id).ToList();
        var clause = ids.Count == 0 ? "1 = 0" : $"id IN ({string.Join(", ", ids)})"; // ids from the database: numbers, not input
        return where.Length == 0 ? "WHERE " + clause : where + " AND " + clause;
    }

    /// <summary>The phone number in E.164 when it parses; the list filter uses its blind index.</summary>
    public string? NormalizePhone(string? phone) =>
        PhoneFormat.TryNormalize(phone, directory.Value.DefaultRegion, out var e164, out _) ? e164 : null;

    private (string Where, DynamicParameters Args) Where(AlertFilter f)
    {
        var clauses = new List<string>();
        var args = new DynamicParameters();
        void Add(string clause, string name, object? value)
        {
            clauses.Add(clause);
            args.Add(name, value);
        }

        if (!string.IsNullOrWhiteSpace(f.State)) Add("state = @state", "state", f.State.Trim());
        if (!string.IsNullOrWhiteSpace(f.Rule)) Add("rule_id = @rule", "rule", f.Rule.Trim());
        if (!string.IsNullOrWhiteSpace(f.Company)) Add("company_id = @company", "company", f.Company.Trim());
        if (f.From is { } from) Add("created_at >= @from", "from", from.ToStored());
        if (f.To is { } to) Add("created_at < @to", "to", to.ToStored());
        switch (f.Acknowledgement?.Trim().ToLowerInvariant())
        {
            case AlertFilter.Waiting:
                clauses.Add($"ack_role <> '{AckRoles.Confirmation}' AND ack_event_id IN (SELECT id FROM ack_events WHERE is_open = 1 AND acknowledged_at IS NULL)");
                break;
            case AlertFilter.Acknowledged:
                clauses.Add($"ack_role <> '{AckRoles.Confirmation}' AND ack_event_id IN (SELECT id FROM ack_events WHERE acknowledged_at IS NOT NULL)");
                break;
        }

        if (RecordTerm(f.Record) is { } record)
        {
            // SYSPRO pads keys (' 00001', '000000000150802'): 150802 finds 000000000150802, and the first part of a
            // two-part key (an order and its line) finds the record's every line.
            clauses.Add("(ltrim(source_key, ' 0') = @record OR ltrim(source_key, ' 0') LIKE @recordFirstPart ESCAPE '\\')");
            args.Add("record", record);
            args.Add("recordFirstPart", EscapeLike(record) + "|%");
        }

        if (!string.IsNullOrWhiteSpace(f.Person))
        {
            // By the directory's names and ids (a person named in the settings), not by phone: that is the phone filter.
            var term = f.Person.Trim();
            // A recipient id no longer in the directory (someone removed since) is still found by the id itself.
            var ids = directory.Value.People
                .Where(p => p.Key.Contains(term, StringComparison.OrdinalIgnoreCase) || (p.Value.Name?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false))
                .Select(p => p.Key).Append(term).Distinct(StringComparer.Ordinal).ToList();
            clauses.Add($"recipient_id IN ({SqlList.Add(args, "person", ids)})");
        }

        if (!string.IsNullOrWhiteSpace(f.Phone))
        {
            // A number that does not parse matches nothing rather than everything.
            Add("recipient_phone_index = @phoneIndex", "phoneIndex",
                NormalizePhone(f.Phone) is { } e164 ? protector.BlindIndex(e164) : "-");
        }

        return (clauses.Count == 0 ? "" : "WHERE " + string.Join(" AND ", clauses), args);
    }

    /// <summary>A record number as searched: without the spaces and leading zeros SYSPRO pads keys with.</summary>
    private static string? RecordTerm(string? record) =>
        string.IsNullOrWhiteSpace(record) ? null : record.Trim().TrimStart('0', ' ');

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private AlertSummary ToSummary(AlertRow r) => new(
        r.Id, r.CompanyId, r.RuleId, r.SourceTable, r.SourceKey, r.Transition, r.RecipientId,
        protector.Unprotect(r.RecipientPhone, AlertEnqueuer.PhonePurpose), r.State, (int)r.Attempts, (int?)r.ErrorCode,
        r.ErrorMessage, r.MessageSid, r.DeliveryStatus, UnixTime.FromStored(r.CreatedAt), UnixTime.FromStored(r.UpdatedAt),
        UnixTime.FromStored(r.NextAttemptAt), r.AckReference, r.AckRole, UnixTime.FromStored(r.AcknowledgedAt), r.AcknowledgedBy,
        r.EscalationOf);
}
