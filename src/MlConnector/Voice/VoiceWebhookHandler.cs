using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Dapper;
using MlConnector.Acknowledgement;
using MlConnector.Audit;
using MlConnector.Storage;

namespace MlConnector.Voice;

/// <summary>
/// Twilio's signed requests about a call (the <c>call</c> query parameter names it): status callbacks, recorded on the
/// call and, each new status once, in its alert's audit trail; and the keypress of the call's <c>&lt;Gather&gt;</c>,
/// where 1 acknowledges the event (or, for a rule without Acknowledge, the alert) in the name of the person called.
/// </summary>
public sealed class VoiceWebhookHandler(IDbDialect dialect, TimeProvider time, ILogger<VoiceWebhookHandler> logger)
{
    private static readonly string[] FinalStatuses = ["completed", "busy", "failed", "no-answer", "canceled"];

    public async Task StatusAsync(IReadOnlyDictionary<string, string> form, long? callId, CancellationToken ct)
    {
        var status = form.GetValueOrDefault("CallStatus") ?? "";
        if (callId is not { } id || status.Length == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // A final status is never replaced by a late "ringing"; the same status twice is recorded once. A status says
        // the call exists: one still "placing" (its process died before recording Twilio's answer) or "failed" (its
        // create's answer was lost after Twilio took it) was placed, and its first status records that, with its sid.
        var call = await connection.QuerySingleOrDefaultAsync<(string CompanyId, long AlertId)?>(new CommandDefinition(
            $"""
            UPDATE voice_calls SET call_status = @status, updated_at = @Now, call_sid = COALESCE(call_sid, @CallSid),
                state = CASE WHEN state IN ('placing', 'failed') THEN 'placed' ELSE state END
            WHERE id = @id AND (call_status IS NULL OR (call_status <> @status
                AND call_status NOT IN ({string.Join(", ", FinalStatuses.Select(s => $"'{s}'"))})))
            RETURNING company_id, alert_id
            """, new { id, status, Now = now.ToStored(), CallSid = form.GetValueOrDefault("CallSid") }, transaction, cancellationToken: ct));
        if (call is { } c)
        {
            await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(c.CompanyId, c.AlertId, now, AuditKinds.CallStatus, "twilio",
                JsonSerializer.Serialize(new
                {
                    call = id, callSid = form.GetValueOrDefault("CallSid"), status,
                    duration = form.GetValueOrDefault("CallDuration"),
                })), ct);
            logger.CallStatus(id, status);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>The keypress; returns the TwiML the call goes on with.</summary>
    public async Task<string> GatherAsync(IReadOnlyDictionary<string, string> form, long? callId, CancellationToken ct)
    {
        var digits = (form.GetValueOrDefault("Digits") ?? "").Trim();
        if (callId is not { } id || digits != "1")
        {
            return Say("Nothing was confirmed. Goodbye.");
        }

        var now = time.GetUtcNow();
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var call = await connection.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition(
            """
            SELECT c.company_id AS CompanyId, c.alert_id AS AlertId, c.ack_event_id AS AckEventId, c.recipient_id AS RecipientId
            FROM voice_calls c WHERE c.id = @id
            """, new { id }, transaction, cancellationToken: ct));
        if (call is null)
        {
            return Say("Nothing was confirmed. Goodbye.");
        }

        await connection.ExecuteAsync(new CommandDefinition("UPDATE voice_calls SET digits = @digits, updated_at = @Now WHERE id = @id",
            new { digits, id, Now = now.ToStored() }, transaction, cancellationToken: ct));
        var acknowledged = call.AckEventId is { } eventId
            ? await AckEvents.GetAsync(connection, transaction, eventId, ct) is { } ackEvent
                && await AckEvents.AcknowledgeAsync(connection, transaction, ackEvent, call.RecipientId, call.AlertId, now, ct)
            : await AcknowledgeAlertAsync(connection, transaction, call, id, now, ct);
        await transaction.CommitAsync(ct);
        logger.CallKeypress(id, digits, acknowledged);
        return Say(acknowledged ? "Thank you. The alert is confirmed. Goodbye." : "It was already confirmed. Thank you. Goodbye.");
    }

    /// <summary>An alert of a rule without Acknowledge: the keypress is recorded on it, once.</summary>
    private static async Task<bool> AcknowledgeAlertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        CallRow call, long callId, DateTimeOffset now, CancellationToken ct)
    {
        var earlier = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM audit WHERE alert_id = @AlertId AND kind = @Kind",
            new { call.AlertId, Kind = AuditKinds.Acknowledged }, transaction, cancellationToken: ct));
        if (earlier > 0)
        {
            return false;
        }

        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(call.CompanyId, call.AlertId, now, AuditKinds.Acknowledged,
            call.RecipientId, JsonSerializer.Serialize(new { call = callId, by = call.RecipientId, via = "voice" })), ct);
        return true;
    }

    public static long? CallId(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Say(string text) =>
        """<?xml version="1.0" encoding="UTF-8"?>""" + new XElement("Response", new XElement("Say", text)).ToString(SaveOptions.DisableFormatting);

    private sealed class CallRow
    {
        public string CompanyId { get; set; } = "";
        public long AlertId { get; set; }
        public long? AckEventId { get; set; }
        public string RecipientId { get; set; } = "";
    }
}
