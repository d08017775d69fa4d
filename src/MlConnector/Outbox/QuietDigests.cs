using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using MlConnector.Acknowledgement;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.Common;
using MlConnector.Recipients;
using MlConnector.Scheduling;
using MlConnector.Security;
using MlConnector.Storage;
using MlConnector.Templates;

namespace MlConnector.Outbox;

/// <summary>
/// At the end of a person's quiet hours, their quiet alerts go out as one digest text ("3 alerts overnight: 1) ...
/// 2) ..."), split only where Twilio's limit for one text forces it. The quiet alerts become digested in the same
/// transaction that enqueues the digest (claimed by their state, so with several instances once), and are marked sent
/// when the digest is (so an escalation clock starts then). A reference to acknowledge ("OK 7KQ2") stays with its line.
/// </summary>
public sealed class QuietDigests(IDbDialect dialect, QuietHours quietHours, FieldProtector protector, AlertEnqueuer enqueuer,
    NewAlertsSignal newAlerts, TimeProvider time, ILogger<QuietDigests> logger) : BackgroundService
{
    public const string RuleId = "digest";

    /// <summary>How often due digests are looked for: a digest leaves at most this long after the quiet hours end.</summary>
    public static readonly TimeSpan Round = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!quietHours.Any)
        {
            return; // nobody has quiet hours: nothing is ever quiet
        }

        await Rounds.RunAsync(Round, time, SendDueAsync, logger.DigestFailed, stoppingToken);
    }

    /// <summary>One round: a digest for every person whose quiet hours have ended with alerts kept.</summary>
    public async Task SendDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<string> due;
        await using (var connection = await dialect.OpenAsync(ct))
        {
            due = (await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT DISTINCT recipient_phone_index FROM alerts WHERE state = '{AlertStates.Quiet}' AND quiet_until <= @Now",
                new { Now = now.ToStored() }, cancellationToken: ct))).ToList();
        }

        foreach (var phoneIndex in due)
        {
            await using var connection = await dialect.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var kept = (await connection.QueryAsync<AlertRow>(new CommandDefinition(
                $"""
                UPDATE alerts SET state = '{AlertStates.Digested}', quiet_until = NULL, updated_at = @Now
                WHERE recipient_phone_index = @phoneIndex AND {AlertTransitions.SqlFilterFrom(AlertStates.Quiet, AlertStates.Digested)}
                    AND quiet_until <= @Now
                RETURNING id AS Id, company_id AS CompanyId, recipient_id AS RecipientId, recipient_phone AS RecipientPhone, body AS Body,
                    created_at AS CreatedAt
                """, new { phoneIndex, Now = now.ToStored() }, transaction, cancellationToken: ct))).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToList();
            if (kept.Count == 0)
            {
                await transaction.RollbackAsync(ct); // another instance sent this digest
                continue;
            }

            var texts = Compose(kept.Select(a => protector.UnprotectOr(a.Body!, AlertEnqueuer.BodyPurpose, "(unreadable)")).ToList(),
                TimeSpan.FromMilliseconds(now.ToStored() - kept[0].CreatedAt));
            var first = kept[0];
            var phone = protector.Unprotect(first.RecipientPhone, AlertEnqueuer.PhonePurpose);
            var digestIds = new List<long>();
            for (var part = 0; part < texts.Count; part++)
            {
                var count = SmsSegments.Count(texts[part]);
                var occurrence = $"digest|{first.Id}|{part}";
                var id = await enqueuer.EnqueueAsync(connection, transaction, new NewAlert(first.CompanyId, RuleId, "alerts",
                    first.Id.ToString(CultureInfo.InvariantCulture), "digest", occurrence, first.RecipientId, phone, texts[part],
                    count.Segments, count.Encoding.ToString(), null, Urgent: true, Occurrence: occurrence), new Dictionary<string, string?>(), now, ct);
                digestIds.Add(id!.Value);
            }

            foreach (var alert in kept)
            {
                await connection.ExecuteAsync(new CommandDefinition("UPDATE alerts SET digest_alert_id = @Digest WHERE id = @Id",
                    new { Digest = digestIds[0], alert.Id }, transaction, cancellationToken: ct));
                await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(alert.CompanyId, alert.Id, now, AuditKinds.Digested, "system",
                    JsonSerializer.Serialize(new { digest = digestIds, alerts = kept.Count })), ct);
            }

            await transaction.CommitAsync(ct);
            logger.DigestQueued(first.RecipientId, kept.Count, texts.Count);
            newAlerts.Raise();
        }
    }

    /// <summary>
    /// The digest of <paramref name="bodies"/>: "3 alerts overnight: 1) ... 2) ...", each text's " Reply OK 7KQ2 to
    /// confirm." shortened to "(OK 7KQ2)" and one instruction at the end. Several texts only when one would pass
    /// Twilio's limit; each then says which part it is.
    /// </summary>
    public static IReadOnlyList<string> Compose(IReadOnlyList<string> bodies, TimeSpan quietFor)
    {
        var any = false;
        var lines = bodies.Select((body, i) =>
        {
            var asks = AckReference.TrySplit(body, out var core, out var reference);
            any |= asks;
            var line = asks ? $"{core} (OK {reference})" : body;
            return $"{i + 1}) {line}";
        }).ToList();
        var when = quietFor <= TimeSpan.FromHours(16) ? "overnight" : "while you were off";
        var head = $"{bodies.Count} alert{(bodies.Count == 1 ? "" : "s")} {when}:";
        var tail = any ? " Reply OK and the code to confirm." : "";
        var limit = TemplateRenderer.MaxBodyLength;
        var parts = new List<StringBuilder> { new(head) };
        foreach (var line in lines)
        {
            var room = limit - tail.Length - 8; // " (9/9)" on a text of several parts
            var text = line.Length > room - head.Length - 1 ? line[..(room - head.Length - 1 - TemplateRenderer.TruncationMarker.Length)] + TemplateRenderer.TruncationMarker : line;
            if (parts[^1].Length + 1 + text.Length > room)
            {
                parts.Add(new StringBuilder(head));
            }

            parts[^1].Append(' ').Append(text);
        }

        return parts.Select((p, i) => parts.Count == 1 ? p + tail : $"{p}{tail} ({i + 1}/{parts.Count})").ToList();
    }
}
