using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using MlConnector.Acknowledgement;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.Recipients;
using MlConnector.Security;
using MlConnector.Sms;
using MlConnector.Storage;

namespace MlConnector.Webhooks;

/// <summary>
/// An inbound SMS: stored encrypted (once per MessageSid); STOP-type keywords add the person's phone to the opt-out
/// list of the sender they texted (the number in <c>To</c> and, when the number belongs to one, the Messaging Service
/// in <c>MessagingServiceSid</c>: Twilio blocks the whole service), START-type keywords remove it; HELP is answered
/// with Twilio:HelpReply when one is set (Twilio answers HELP itself otherwise); "OK" and "OK XXXX" acknowledge an
/// alert (<see cref="AckReplies"/>); audited without the number or the text.
/// </summary>
internal sealed class InboundHandler(IDbDialect dialect, FieldProtector protector, IOptions<TwilioOptions> options,
    AckReplies acknowledgements, NewAlertsSignal newAlerts, TimeProvider time, ILogger<InboundHandler> logger)
{
    public const string PhonePurpose = "inbound.phone";
    public const string BodyPurpose = "inbound.body";

    /// <summary>Records the text; returns the reply to send back, or null for none.</summary>
    public async Task<string?> HandleAsync(IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid") ?? "";
        var from = form.GetValueOrDefault("From") ?? "";
        var to = form.GetValueOrDefault("To") ?? "";
        var body = form.GetValueOrDefault("Body") ?? "";
        var keyword = OptOutKeywords.Classify(body, form.GetValueOrDefault("OptOutType"));
        var senders = new[] { to, form.GetValueOrDefault("MessagingServiceSid") ?? "" }.Where(s => s.Length > 0).Distinct().ToList();
        var index = protector.BlindIndex(from);
        var now = time.GetUtcNow();
        var reply = keyword == OptOutKeywords.HelpKeyword && !string.IsNullOrWhiteSpace(options.Value.HelpReply)
            ? options.Value.HelpReply.Trim()
            : null;
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
                Company = company, Sid = sid, From = protector.Protect(from, PhonePurpose), Index = index, To = to,
                Body = protector.Protect(body, BodyPurpose), Keyword = keyword, Now = now.ToStored(),
            }, transaction, cancellationToken: ct));
        if (inserted is null)
        {
            return reply; // a retried webhook: handled the first time, answered the same way
        }

        foreach (var sender in senders)
        {
            if (keyword == OptOutKeywords.StopKeyword)
            {
                await OptOutList.AddAsync(connection, transaction, sender, index, protector.Protect(from, OptOutList.PhonePurpose),
                    company, OptOutKeywords.StopKeyword, now, ct);
            }
            else if (keyword == OptOutKeywords.StartKeyword)
            {
                await OptOutList.RemoveAsync(connection, transaction, sender, index, ct);
            }
        }

        var acknowledgement = keyword is null
            ? await acknowledgements.HandleAsync(connection, transaction, from, index, body, sid, now, ct)
            : null;
        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(company, null, now, AuditKinds.Inbound, "twilio",
            JsonSerializer.Serialize(new
            {
                messageSid = sid, keyword, senders, fromIndex = index[..12],
                action = keyword switch
                {
                    OptOutKeywords.StopKeyword => "opted-out",
                    OptOutKeywords.StartKeyword => "opted-in",
                    OptOutKeywords.HelpKeyword when reply is not null => "help-replied",
                    _ => acknowledgement?.Outcome ?? "none",
                },
                reference = acknowledgement?.Reference,
                ackEvent = acknowledgement?.EventId,
            })), ct);
        await transaction.CommitAsync(ct);
        if (acknowledgement is not null)
        {
            newAlerts.Raise(); // the answer to the person goes out now, through the outbox
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.InboundReceived(sid, PhoneFormat.Mask(from), keyword ?? "none");
        }

        return reply;
    }
}
