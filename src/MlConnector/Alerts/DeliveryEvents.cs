using System.Data.Common;
using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>A Twilio status callback, as the webhook read it.</summary>
public sealed record StatusCallback(string MessageSid, string Status, int? ErrorCode, IReadOnlyDictionary<string, string> Parameters);

/// <summary>What a status callback did: <see cref="Duplicate"/> when it was seen before (nothing changed).</summary>
public sealed record StatusCallbackResult(bool Duplicate, bool Applied);

/// <summary>
/// Twilio's status callbacks (table <c>delivery_events</c>, parameters encrypted): each recorded once per
/// (MessageSid, status) and put on its alert unless it would move a final status back, audited in the same transaction.
/// </summary>
public sealed class DeliveryEvents(IDbDialect dialect, FieldProtector protector)
{
    public const string ParametersPurpose = "delivery.parameters";

    public async Task<StatusCallbackResult> RecordAsync(StatusCallback callback, DateTimeOffset now, CancellationToken ct)
    {
        var (sid, status, errorCode) = (callback.MessageSid, callback.Status, callback.ErrorCode);
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await MessageLock.HoldAsync(dialect, connection, transaction, sid, ct); // the record of this SID is done or waits
        var alert = await connection.QuerySingleOrDefaultAsync<(long Id, string CompanyId, string? DeliveryStatus)?>(new CommandDefinition(
            "SELECT id, company_id, delivery_status FROM alerts WHERE message_sid = @Sid", new { Sid = sid }, transaction, cancellationToken: ct));
        var companyId = alert?.CompanyId ?? "default";
        var inserted = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO delivery_events (company_id, message_sid, status, error_code, parameters, received_at)
            VALUES (@CompanyId, @Sid, @Status, @ErrorCode, @Parameters, @Now)
            ON CONFLICT (message_sid, status) DO NOTHING
            RETURNING id
            """,
            new
            {
                CompanyId = companyId, Sid = sid, Status = status, ErrorCode = errorCode, Now = now.ToStored(),
                Parameters = protector.Protect(JsonSerializer.Serialize(callback.Parameters), ParametersPurpose),
            }, transaction, cancellationToken: ct));
        if (inserted is null)
        {
            return new StatusCallbackResult(Duplicate: true, Applied: false); // seen before: idempotent
        }

        var applied = alert is { } a && DeliveryStatuses.Advances(a.DeliveryStatus, status);
        if (applied)
        {
            await ApplyAsync(connection, transaction, alert!.Value.Id, status, errorCode, now, ct);
        }

        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(companyId, alert?.Id, now, AuditKinds.StatusCallback,
            "twilio", JsonSerializer.Serialize(new
            {
                messageSid = sid, status, errorCode, applied, previous = alert?.DeliveryStatus, known = alert is not null,
            })), ct);
        await transaction.CommitAsync(ct);
        return new StatusCallbackResult(Duplicate: false, applied);
    }

    /// <summary>
    /// Twilio may call back before the dispatcher has recorded the MessageSid of its create (the callback then finds no
    /// alert and only keeps the event). Once the SID is known, the furthest status already received is applied.
    /// </summary>
    internal static async Task ApplyEarlyAsync(DbConnection connection, DbTransaction transaction, ClaimedAlert alert,
        string sid, DateTimeOffset now, CancellationToken ct)
    {
        var early = (await connection.QueryAsync<(string Status, int? ErrorCode)>(new CommandDefinition(
            "SELECT status, error_code FROM delivery_events WHERE message_sid = @Sid", new { Sid = sid }, transaction,
            cancellationToken: ct))).ToList();
        if (early.Count == 0)
        {
            return;
        }

        var furthest = early.MaxBy(e => DeliveryStatuses.Rank(e.Status));
        await ApplyAsync(connection, transaction, alert.Id, furthest.Status, furthest.ErrorCode, now, ct);
        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(alert.CompanyId, alert.Id, now,
            AuditKinds.StatusCallback, "twilio", JsonSerializer.Serialize(new
            {
                messageSid = sid, status = furthest.Status, errorCode = furthest.ErrorCode, applied = true, early = true,
            })), ct);
    }

    /// <summary>Puts a Twilio status on an alert: the delivery status, the state it implies when the state machine
    /// allows that move (else the state stays), and the error code when there is one. The caller has checked that
    /// the status moves forward.</summary>
    private static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, long alertId, string status,
        int? errorCode, DateTimeOffset now, CancellationToken ct)
    {
        var state = DeliveryStatuses.AlertState(status);
        var newState = state is null ? "state" : $"CASE WHEN {AlertTransitions.SqlFilterInto(state)} THEN @State ELSE state END";
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE alerts SET delivery_status = @Status, state = {newState},
                error_code = COALESCE(@ErrorCode, error_code), updated_at = @Now
            WHERE id = @Id
            """,
            new { Status = status, State = state, ErrorCode = errorCode, Now = now.ToStored(), Id = alertId },
            transaction, cancellationToken: ct));
    }
}
