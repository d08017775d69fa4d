using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Recipients;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Webhooks;

/// <summary>
/// An inbound SMS: stored encrypted (once per MessageSid); STOP-type keywords add the sender to the opt-out list,
/// START-type keywords remove it; audited without the number or the text.
/// </summary>
internal sealed class InboundHandler(IDbDialect dialect, FieldProtector protector, TimeProvider time,
    ILogger<InboundHandler> logger)
{
    public const string PhonePurpose = "inbound.phone";
    public const string BodyPurpose = "inbound.body";

    public async Task HandleAsync(IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid") ?? "";
        var from = form.GetValueOrDefault("From") ?? "";
        var body = form.GetValueOrDefault("Body") ?? "";
        var keyword = OptOutKeywords.Classify(body);
        var index = protector.BlindIndex(from);
        var now = time.GetUtcNow();
        const string company = "default";

        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var inserted = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO inbound_messages (company_id, message_sid, from_phone, from_phone_index, to_phone, body, keyword, received_at)
            VALUES (@Company, @Sid, @From, @Index, @To, @Body, @Keyword, @Now)
            ON CONFLICT (message_sid) DO NOTHING
            RETURNING id
            """,
            new
            {
                Company = company, Sid = sid, From = protector.Protect(from, PhonePurpose), Index = index,
                To = form.GetValueOrDefault("To") ?? "", Body = protector.Protect(body, BodyPurpose), Keyword = keyword,
                Now = now.ToStored(),
            }, transaction, cancellationToken: ct));
        if (inserted is null)
        {
            return; // a retried webhook: handled the first time
        }

        if (keyword == "STOP")
        {
            await OptOutList.AddAsync(connection, transaction, company, index, protector.Protect(from, OptOutList.PhonePurpose), "STOP", now, ct);
        }
        else if (keyword == "START")
        {
            await OptOutList.RemoveAsync(connection, transaction, company, index, ct);
        }

        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(company, null, now, AuditKinds.Inbound, "twilio",
            JsonSerializer.Serialize(new
            {
                messageSid = sid, keyword, action = keyword switch { "STOP" => "opted-out", "START" => "opted-in", _ => "none" },
                fromIndex = index[..12],
            })), ct);
        await transaction.CommitAsync(ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.InboundReceived(sid, PhoneFormat.Mask(from), keyword ?? "none");
        }
    }
}
