using System.Data.Common;
using Dapper;
using MlConnector.Alerts;
using MlConnector.Common;
using MlConnector.Recipients;
using MlConnector.Storage;

namespace MlConnector.Acknowledgement;

/// <summary>What a reply came to, for the inbound text's audit line.</summary>
public static class AckOutcomes
{
    public const string Acknowledged = "acknowledged";
    public const string AlreadyAcknowledged = "already-acknowledged";
    public const string Expired = "reference-expired";
    public const string UnknownReference = "unknown-reference";
    public const string NothingOpen = "nothing-to-acknowledge";
}

/// <summary>The outcome of an inbound text read as an acknowledgement: what happened and the event's reference.</summary>
public sealed record AckReplyOutcome(string Outcome, string? Reference, long? EventId);

/// <summary>
/// Reads an inbound text as an acknowledgement: "ok XXXX" acknowledges the open event with that reference that texted
/// this number; a bare "ok" the most recent open event whose text was sent to it. The person always gets a short text
/// back (a confirmation, or what went wrong and how to reply), sent through the outbox like any alert, so it is
/// audited and retried. Only numbers that were texted an alert that asks for acknowledgement get an answer: a stranger
/// who texts "ok" is not texted back.
/// </summary>
public sealed class AckReplies(AlertEnqueuer enqueuer, RecipientDirectory directory)
{
    /// <summary>Null when the text is not a reply to acknowledge (or its sender was never asked to).</summary>
    public async Task<AckReplyOutcome?> HandleAsync(DbConnection connection, DbTransaction transaction, string from, string fromIndex,
        string body, string inboundSid, DateTimeOffset now, CancellationToken ct)
    {
        if (!AckReference.TryParseReply(body, out var reference))
        {
            return null;
        }

        var received = await LatestReceivedAsync(connection, transaction, fromIndex, reference, ct);
        if (received is null && !await WasAskedAsync(connection, transaction, fromIndex, ct))
        {
            return null;
        }

        var target = reference is null
            ? await LatestOpenSentToAsync(connection, transaction, fromIndex, now, ct)
            : received;
        if (target is null)
        {
            var outcome = reference is null ? AckOutcomes.NothingOpen : AckOutcomes.UnknownReference;
            await ReplyAsync(connection, transaction, null, from, inboundSid, reference is null
                ? "Nothing is waiting for your confirmation."
                : $"No alert has the reference {reference}. Reply OK and the 4-character code at the end of the alert.", now, ct);
            return new AckReplyOutcome(outcome, reference, null);
        }

        var (ackEvent, alert) = target.Value;
        if (ackEvent.AcknowledgedAt is not null)
        {
            var who = directory.Person(ackEvent.AcknowledgedBy ?? "")?.Name ?? ackEvent.AcknowledgedBy;
            await ReplyAsync(connection, transaction, (ackEvent, alert), from, inboundSid,
                $"{ackEvent.Reference} was already confirmed by {who}.", now, ct);
            return new AckReplyOutcome(AckOutcomes.AlreadyAcknowledged, ackEvent.Reference, ackEvent.Id);
        }

        if (!ackEvent.IsOpen || ackEvent.OpenUntil < now
            || !await AckEvents.AcknowledgeAsync(connection, transaction, ackEvent, alert.RecipientId, alert.Id, now, ct))
        {
            await ReplyAsync(connection, transaction, (ackEvent, alert), from, inboundSid,
                $"{ackEvent.Reference} can no longer be confirmed: its time to confirm has passed.", now, ct);
            return new AckReplyOutcome(AckOutcomes.Expired, ackEvent.Reference, ackEvent.Id);
        }

        await ReplyAsync(connection, transaction, (ackEvent, alert), from, inboundSid, $"Thank you: {ackEvent.Reference} is confirmed.", now, ct);
        return new AckReplyOutcome(AckOutcomes.Acknowledged, ackEvent.Reference, ackEvent.Id);
    }

    /// <summary>The reply, as an alert to the person who texted: tied to the event when there is one. Urgent: the person
    /// just texted, so their quiet hours do not hold the answer.</summary>
    private async Task ReplyAsync(DbConnection connection, DbTransaction transaction, (AckEvent Event, AlertRef Alert)? about,
        string to, string inboundSid, string text, DateTimeOffset now, CancellationToken ct)
    {
        var count = SmsSegments.Count(text);
        var alert = about is { } a
            ? new NewAlert(a.Event.CompanyId, a.Alert.RuleId, a.Alert.SourceTable, a.Alert.SourceKey, a.Alert.Transition, inboundSid,
                a.Alert.RecipientId, to, text, count.Segments, count.Encoding.ToString(), null,
                Acknowledgement: new AckLink(a.Event.Id, AckRoles.Confirmation, 0, Key: $"ack|reply|{inboundSid}"), Urgent: true)
            : new NewAlert("default", "acknowledge", "inbound", inboundSid, "reply", inboundSid, "unknown", to, text,
                count.Segments, count.Encoding.ToString(), null, Acknowledgement: new AckLink(null, AckRoles.Confirmation, 0, Key: $"ack|reply|{inboundSid}"),
                Urgent: true);
        await enqueuer.EnqueueAsync(connection, transaction, alert, new Dictionary<string, string?>(), now, ct);
    }

    private static async Task<bool> WasAskedAsync(DbConnection connection, DbTransaction transaction, string fromIndex, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT id FROM alerts WHERE recipient_phone_index = @fromIndex AND ack_event_id IS NOT NULL AND ack_role <> '{AckRoles.Confirmation}' LIMIT 1",
            new { fromIndex }, transaction, cancellationToken: ct)) is not null;

    /// <summary>The latest event with this reference that texted this number (open or not).</summary>
    private static Task<(AckEvent, AlertRef)?> LatestReceivedAsync(DbConnection connection, DbTransaction transaction, string fromIndex,
        string? reference, CancellationToken ct) =>
        reference is null
            ? Task.FromResult<(AckEvent, AlertRef)?>(null)
            : FindAsync(connection, transaction, "e.reference = @reference ORDER BY e.id DESC, a.id DESC", new { fromIndex, reference }, ct);

    /// <summary>The open event whose text was most recently sent to this number.</summary>
    private static Task<(AckEvent, AlertRef)?> LatestOpenSentToAsync(DbConnection connection, DbTransaction transaction, string fromIndex,
        DateTimeOffset now, CancellationToken ct) =>
        FindAsync(connection, transaction, "e.is_open = 1 AND e.open_until >= @now AND a.sent_at IS NOT NULL ORDER BY a.sent_at DESC, a.id DESC",
            new { fromIndex, now = now.ToStored() }, ct);

    private static async Task<(AckEvent, AlertRef)?> FindAsync(DbConnection connection, DbTransaction transaction, string condition,
        object args, CancellationToken ct)
    {
        var row = await connection.QueryFirstOrDefaultAsync<MatchRow>(new CommandDefinition(
            $"""
            SELECT {AckEvents.Columns}, a.id AS AlertId, a.rule_id AS AlertRuleId, a.source_table AS SourceTable,
                a.source_key AS SourceKey, a.transition AS Transition, a.recipient_id AS RecipientId
            FROM alerts a JOIN ack_events e ON e.id = a.ack_event_id
            WHERE a.recipient_phone_index = @fromIndex AND a.ack_role <> '{AckRoles.Confirmation}' AND {condition}
            LIMIT 1
            """, args, transaction, cancellationToken: ct));
        return row is null
            ? null
            : (row.ToEvent(), new AlertRef(row.AlertId, row.AlertRuleId, row.SourceTable, row.SourceKey, row.Transition, row.RecipientId));
    }

    private sealed record AlertRef(long Id, string RuleId, string SourceTable, string SourceKey, string Transition, string RecipientId);

    /// <summary>An event (<see cref="AckEvents.EventRow"/>) with the alert of it that texted the number.</summary>
    private sealed class MatchRow : AckEvents.EventRow
    {
        public long AlertId { get; set; }
        public string AlertRuleId { get; set; } = "";
        public string SourceTable { get; set; } = "";
        public string SourceKey { get; set; } = "";
        public string Transition { get; set; } = "";
        public string RecipientId { get; set; } = "";
    }
}
