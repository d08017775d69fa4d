using System.Globalization;
using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Webhooks;

/// <summary>
/// A status callback: recorded once per (MessageSid, status) in delivery_events (parameters encrypted), applied to the
/// alert unless it would move a final status back, and audited. A duplicate is answered 200 and changes nothing.
/// </summary>
internal sealed class StatusCallbackHandler(IDbDialect dialect, FieldProtector protector, TimeProvider time,
    ILogger<StatusCallbackHandler> logger)
{
    public const string ParametersPurpose = "delivery.parameters";

    public async Task HandleAsync(IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid") ?? "";
        var status = form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("SmsStatus") ?? "";
        int? errorCode = int.TryParse(form.GetValueOrDefault("ErrorCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
        var now = time.GetUtcNow();

        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
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
                Parameters = protector.Protect(JsonSerializer.Serialize(form), ParametersPurpose),
            }, transaction, cancellationToken: ct));
        if (inserted is null)
        {
            logger.DuplicateCallback(sid, status);
            return; // seen before: idempotent
        }

        var applied = alert is { } a && DeliveryStatuses.Advances(a.DeliveryStatus, status);
        if (applied)
        {
            await DeliveryStatuses.ApplyAsync(connection, transaction, alert!.Value.Id, status, errorCode, now, ct);
        }

        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(companyId, alert?.Id, now, AuditKinds.StatusCallback,
            "twilio", JsonSerializer.Serialize(new
            {
                messageSid = sid, status, errorCode, applied, previous = alert?.DeliveryStatus, known = alert is not null,
            })), ct);
        await transaction.CommitAsync(ct);
        logger.StatusReceived(sid, status, errorCode, applied);
    }
}
