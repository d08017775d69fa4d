using System.Data.Common;
using Dapper;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.Storage;

namespace MlConnector.Acknowledgement;

/// <summary>An event that asks for acknowledgement, as the store keeps it.</summary>
public sealed record AckEvent(long Id, string CompanyId, string RuleId, string Reference, bool IsOpen, DateTimeOffset OpenUntil,
    int Stage, int Reminders, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);

/// <summary>The store's side of two-way texts: opening an event (with a free reference), finding the event a reply
/// means, and acknowledging it. Every method runs in the caller's transaction.</summary>
public static class AckEvents
{
    private const int ReferenceTries = 50;

    internal const string Columns =
        """
        e.id AS Id, e.company_id AS CompanyId, e.rule_id AS RuleId, e.reference AS Reference, e.is_open AS IsOpen,
        e.open_until AS OpenUntil, e.stage AS Stage, e.reminders AS Reminders, e.acknowledged_at AS AcknowledgedAt,
        e.acknowledged_by AS AcknowledgedBy
        """;

    /// <summary>Opens an event with a reference no open event has (events past their window are closed first, so
    /// their references are free again).</summary>
    /// <exception cref="InvalidOperationException">No free reference was found (about a million events open).</exception>
    public static async Task<(long Id, string Reference)> OpenAsync(DbConnection connection, DbTransaction transaction,
        string company, string ruleId, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ack_events SET is_open = 0 WHERE is_open = 1 AND open_until < @Now",
            new { Now = now.ToStored() }, transaction, cancellationToken: ct));
        for (var attempt = 0; attempt < ReferenceTries; attempt++)
        {
            var reference = AckReference.NewReference();
            // The partial unique index on open references refuses a reference in use: try another.
            var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                INSERT INTO ack_events (company_id, rule_id, reference, is_open, open_until, stage, reminders, created_at)
                VALUES (@Company, @Rule, @Reference, 1, @Until, 0, 0, @Now)
                ON CONFLICT DO NOTHING
                RETURNING id
                """,
                new { Company = company, Rule = ruleId, Reference = reference, Until = (now + window).ToStored(), Now = now.ToStored() },
                transaction, cancellationToken: ct));
            if (id is { } eventId)
            {
                return (eventId, reference);
            }
        }

        throw new InvalidOperationException($"No free acknowledgement reference after {ReferenceTries} tries: too many events are open.");
    }

    public static Task<AckEvent?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken ct) =>
        QueryOneAsync(connection, transaction, $"SELECT {Columns} FROM ack_events e WHERE e.id = @id", new { id }, ct);

    /// <summary>Acknowledges an open event (closing it): false when it was already acknowledged or closed. Every alert
    /// of the event gets an audit line; escalations and reminders not yet sent (and not being sent) are suppressed.</summary>
    public static async Task<bool> AcknowledgeAsync(DbConnection connection, DbTransaction transaction, AckEvent ackEvent,
        string by, long viaAlert, DateTimeOffset now, CancellationToken ct)
    {
        var closed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ack_events SET acknowledged_at = @Now, acknowledged_by = @By, is_open = 0
            WHERE id = @Id AND is_open = 1 AND acknowledged_at IS NULL
            """,
            new { Now = now.ToStored(), By = by, ackEvent.Id }, transaction, cancellationToken: ct));
        if (closed == 0)
        {
            return false;
        }

        var alerts = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM alerts WHERE ack_event_id = @Id AND ack_role <> @Confirmation ORDER BY id",
            new { ackEvent.Id, AckRoles.Confirmation }, transaction, cancellationToken: ct));
        var detail = System.Text.Json.JsonSerializer.Serialize(new { reference = ackEvent.Reference, by, via = viaAlert });
        foreach (var alert in alerts)
        {
            await AuditWriter.AppendAsync(connection, transaction,
                new AuditEntry(ackEvent.CompanyId, alert, now, AuditKinds.Acknowledged, by, detail), ct);
        }

        var unsent = await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            UPDATE alerts SET state = '{AlertStates.Suppressed}', next_attempt_at = NULL,
                error_message = 'acknowledged before it was sent', updated_at = @Now
            WHERE ack_event_id = @Id AND ack_role IN ('{AckRoles.Escalation}', '{AckRoles.Reminder}')
                AND {AlertTransitions.SqlFilterFrom(AlertStates.Pending, AlertStates.Suppressed)} AND attempts = 0 AND lease_owner IS NULL
            RETURNING id
            """,
            new { Now = now.ToStored(), ackEvent.Id }, transaction, cancellationToken: ct));
        foreach (var alert in unsent)
        {
            await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(ackEvent.CompanyId, alert, now, AuditKinds.Suppressed,
                "system", System.Text.Json.JsonSerializer.Serialize(new { reason = $"event {ackEvent.Reference} acknowledged before this text was sent" })), ct);
        }

        return true;
    }

    internal static async Task<AckEvent?> QueryOneAsync(DbConnection connection, DbTransaction? transaction, string sql, object args,
        CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(sql, args, transaction, cancellationToken: ct));
        return row?.ToEvent();
    }

    /// <summary>An ack_events row as Dapper reads it (INTEGER and BIGINT alike on both dialects).</summary>
    internal class EventRow
    {
        public long Id { get; set; }
        public string CompanyId { get; set; } = "";
        public string RuleId { get; set; } = "";
        public string Reference { get; set; } = "";
        public long IsOpen { get; set; }
        public long OpenUntil { get; set; }
        public long Stage { get; set; }
        public long Reminders { get; set; }
        public long? AcknowledgedAt { get; set; }
        public string? AcknowledgedBy { get; set; }

        public AckEvent ToEvent() => new(Id, CompanyId, RuleId, Reference, IsOpen != 0, UnixTime.FromStored(OpenUntil), (int)Stage,
            (int)Reminders, UnixTime.FromStored(AcknowledgedAt), AcknowledgedBy);
    }
}
