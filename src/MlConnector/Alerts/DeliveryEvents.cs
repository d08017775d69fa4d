using System.Data.Common;
using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>A Twilio status callback, as the webhook read it.</summary>
public sealed record StatusCallback(string MessageSid, string Status, int? ErrorCode, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The alert its URL names (<c>?alert=</c>), when it does.</summary>
    public long? AlertId { get; init; }

    /// <summary>The send token its URL names (<c>&amp;send=</c>): the claim whose POST created the message.</summary>
    public long? SendToken { get; init; }

    /// <summary>True when the connector fetched this status from Twilio (no callback came), for the audit trail.</summary>
    public bool Fetched { get; init; }
}

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
        var alert = await FindAlertAsync(connection, transaction, sid, ct);
        if (alert is null && callback is { AlertId: { } alertId, SendToken: { } token }
            && await AdoptAsync(connection, transaction, alertId, token, sid, now, ct))
        {
            alert = await FindAlertAsync(connection, transaction, sid, ct);
        }

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

        // An alert still pending (its send in doubt, its MessageSid just adopted) takes the delivery status but keeps its
        // state unless the state machine allows the move; the dispatcher records it sent, then applies the furthest status.
        var applied = alert is { } a && DeliveryStatuses.Advances(a.DeliveryStatus, status);
        if (applied)
        {
            await ApplyAsync(connection, transaction, alert!.Value.Id, status, errorCode, now, ct);
        }

        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(companyId, alert?.Id, now, AuditKinds.StatusCallback,
            "twilio", JsonSerializer.Serialize(new
            {
                messageSid = sid, status, errorCode, applied, previous = alert?.DeliveryStatus, known = alert is not null,
                fetched = callback.Fetched ? true : (bool?)null,
            })), ct);
        await transaction.CommitAsync(ct);
        return new StatusCallbackResult(Duplicate: false, applied);
    }

    private static Task<(long Id, string CompanyId, string? DeliveryStatus)?> FindAlertAsync(DbConnection connection,
        DbTransaction transaction, string sid, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<(long Id, string CompanyId, string? DeliveryStatus)?>(new CommandDefinition(
            "SELECT id, company_id, delivery_status FROM alerts WHERE message_sid = @Sid", new { Sid = sid }, transaction,
            cancellationToken: ct));

    /// <summary>
    /// A callback for a message no alert has recorded, whose URL names an alert and the send token of the claim that
    /// POSTed it: the create was accepted though its answer never came (a send in doubt). The MessageSid goes on that
    /// alert (which must still be pending, in doubt, without a MessageSid, and the token that of its last send, so a
    /// replayed alert never adopts an older text), and an alert not held by a dispatcher is due at once to be settled.
    /// No state moves here: the dispatcher records it sent, so its lease and the state machine stay the only way.
    /// </summary>
    private static async Task<bool> AdoptAsync(DbConnection connection, DbTransaction transaction, long alertId, long token,
        string sid, DateTimeOffset now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alerts SET message_sid = @Sid, updated_at = @Now,
                next_attempt_at = CASE WHEN lease_until IS NULL OR lease_until < @Now THEN @Now ELSE next_attempt_at END
            WHERE id = @Id AND send_token = @Token AND message_sid IS NULL AND state = @Pending AND in_doubt_since IS NOT NULL
            """,
            new { Sid = sid, Now = now.ToStored(), Id = alertId, Token = token, AlertStates.Pending }, transaction,
            cancellationToken: ct)) == 1;

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
    /// allows that move and the alert is not pending (else the state stays), and the error code when there is one. The caller has checked that
    /// the status moves forward.</summary>
    private static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, long alertId, string status,
        int? errorCode, DateTimeOffset now, CancellationToken ct)
    {
        var state = DeliveryStatuses.AlertState(status);
        // A pending alert's state is the dispatcher's to move (its send in doubt is reconciled under its lease, then
        // the furthest status applied): a callback only records the delivery status on it.
        var newState = state is null
            ? "state"
            : $"CASE WHEN state <> '{AlertStates.Pending}' AND {AlertTransitions.SqlFilterInto(state)} THEN @State ELSE state END";
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
