using System.Text.Json;
using Microsoft.Extensions.Options;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.Recipients;
using MlConnector.Security;
using MlConnector.Sms;
using MlConnector.Storage;

namespace MlConnector.Outbox;

/// <summary>
/// One claimed alert: expire it if too old, suppress it if the number opted out, reconcile a send in doubt, else send
/// it; then record the outcome (state + audit "attempt" in one transaction).
/// </summary>
public sealed class AttemptRunner(FieldProtector protector, AlertLeases leases, AttemptRecorder recorder, OptOutList optOuts,
    ISmsSender sender, PublicUrls urls, IOptions<TwilioOptions> options, IOptions<OutboxOptions> outboxOptions, TimeProvider time, ILogger<AttemptRunner> logger)
{
    // Twilio's DateSent filter is coarse and clocks differ: look a little before the attempt began.
    private static readonly TimeSpan LookupSlack = TimeSpan.FromMinutes(2);

    // Twilio: "Attempt to send to unsubscribed recipient" (the person replied STOP at Twilio's side).
    private const int UnsubscribedRecipient = 21610;

    public async Task RunAsync(ClaimedAlert alert, string owner, SendSlot slot, CancellationToken ct)
    {
        var o = options.Value;
        var schedule = new RetrySchedule((int)(alert.MaxAttempts ?? o.MaxAttempts), o.BackoffBase, o.BackoffCap);
        var now = time.GetUtcNow();
        var lease = outboxOptions.Value.LeaseDuration;
        await using var heartbeat = LeaseHeartbeat.Start(leases, alert, lease, time, logger);
        var outcome = await DecideWithoutSendingAsync(alert, schedule, now, ct);
        if (outcome is not null)
        {
            await slot.CancelAsync(ct);
        }
        else if (!await leases.MarkSendingAsync(alert, time.GetUtcNow(), lease, ct))
        {
            await slot.CancelAsync(ct);
            logger.LeaseLostBeforeSend(alert.Id);
            return;
        }
        else
        {
            outcome = await SendAsync(alert, schedule, slot, ct);
        }

        if (!await recorder.RecordAsync(alert, owner, outcome, time.GetUtcNow(), ct))
        {
            logger.LeaseLost(alert.Id);
            return;
        }

        logger.AttemptRecorded(alert.Id, outcome.State, outcome.Attempts, outcome.ErrorCode, outcome.NextAttemptAt);
        if (outcome.ErrorCode == UnsubscribedRecipient)
        {
            var phone = protector.Unprotect(alert.RecipientPhone, AlertEnqueuer.PhonePurpose);
            await optOuts.AddAsync(options.Value.SenderKey, alert.RecipientPhoneIndex, phone, alert.CompanyId, "twilio-21610",
                time.GetUtcNow(), ct);
        }
    }

    private async Task<AttemptOutcome?> DecideWithoutSendingAsync(ClaimedAlert alert, RetrySchedule schedule,
        DateTimeOffset now, CancellationToken ct)
    {
        var validFrom = UnixTime.FromStored(alert.ChainStartedAt ?? alert.CreatedAt);
        if (now >= validFrom + options.Value.ValidityPeriod)
        {
            return new(AlertStates.Expired, alert.Attempts, null, null, null, "older than the validity period", null,
                AuditKinds.Expired, Json(new { validFrom, validity = options.Value.ValidityPeriod.ToString() }));
        }

        // The alert goes out through the configured sender: a STOP to that sender stops it, whatever its company.
        if (await optOuts.ContainsAsync(options.Value.SenderKey, alert.RecipientPhoneIndex, ct))
        {
            return new(AlertStates.Suppressed, alert.Attempts, null, null, null, "recipient opted out (STOP)", null,
                AuditKinds.Suppressed, Json(new { reason = "opted-out" }));
        }

        if (alert.InDoubtSince is not { } since)
        {
            return null;
        }

        var doubtSince = UnixTime.FromStored(since);
        var phone = protector.Unprotect(alert.RecipientPhone, AlertEnqueuer.PhonePurpose);
        var body = protector.Unprotect(alert.Body, AlertEnqueuer.BodyPurpose);
        return await sender.FindAsync(phone, body, doubtSince - LookupSlack, ct) switch
        {
            LookupResult.Found f => new(AlertStates.Sent, alert.Attempts, null, f.MessageSid, null, null, null,
                AuditKinds.Attempt, Json(new { outcome = "reconciled", messageSid = f.MessageSid, twilioStatus = f.Status, inDoubtSince = doubtSince })),
            LookupResult.Unknown u => new(AlertStates.Pending, alert.Attempts,
                    schedule.Next(1, now, null, Random.Shared.NextDouble()) ?? now + schedule.Base, null, null,
                    "in doubt; Twilio's message list unavailable", doubtSince, AuditKinds.Attempt,
                    Json(new { outcome = "reconcile-failed", reason = u.Reason, inDoubtSince = doubtSince })),
            _ when alert.Attempts >= schedule.MaxAttempts => new(AlertStates.Failed, alert.Attempts, null, null, null,
                "attempts used up", null, AuditKinds.Attempt, Json(new { outcome = "failed", reason = "attempts used up; the send in doubt was not found at Twilio" })),
            _ => null, // not at Twilio: send again
        };
    }

    private async Task<AttemptOutcome> SendAsync(ClaimedAlert alert, RetrySchedule schedule, SendSlot slot,
        CancellationToken ct)
    {
        var started = time.GetUtcNow();
        var attempts = alert.Attempts + 1;
        SendResult result;
        try
        {
            var phone = protector.Unprotect(alert.RecipientPhone, AlertEnqueuer.PhonePurpose);
            var body = protector.Unprotect(alert.Body, AlertEnqueuer.BodyPurpose);
            var remaining = UnixTime.FromStored(alert.ChainStartedAt ?? alert.CreatedAt) + options.Value.ValidityPeriod - started;
            result = await sender.SendAsync(new SmsMessage(phone, body, remaining, urls.StatusCallback), ct);
        }
        finally
        {
            await slot.CompleteAsync(ct);
        }

        var now = time.GetUtcNow();
        var reconciled = alert.InDoubtSince is not null ? "absent" : null;
        return result switch
        {
            SendResult.Sent s => new(AlertStates.Sent, attempts, null, s.MessageSid, null, null, null, AuditKinds.Attempt,
                Json(new { outcome = "sent", attempt = attempts, startedAt = started, messageSid = s.MessageSid, reconciled })),
            SendResult.Permanent p => new(AlertStates.Failed, attempts, null, null, p.Code, p.Reason, null, AuditKinds.Attempt,
                Json(new { outcome = "permanent", attempt = attempts, startedAt = started, errorCode = p.Code, errorMessage = p.Reason, reconciled })),
            SendResult.Transient t => Retry(attempts, schedule, now, t.RetryAfter, t.Code, t.Reason, null, "transient", started, reconciled),
            SendResult.InDoubt d => Retry(attempts, schedule, now, null, null, d.Reason, started, "in-doubt", started, reconciled),
            _ => throw new InvalidOperationException("unknown send result " + result),
        };
    }

    private static AttemptOutcome Retry(long attempts, RetrySchedule schedule, DateTimeOffset now, TimeSpan? retryAfter,
        int? code, string reason, DateTimeOffset? inDoubt, string kind, DateTimeOffset started, string? reconciled)
    {
        var next = schedule.Next((int)attempts, now, retryAfter, Random.Shared.NextDouble());
        // A send in doubt stays pending even with its attempts used up: it is reconciled, never resent, at the next claim.
        var state = next is null && inDoubt is null ? AlertStates.Failed : AlertStates.Pending;
        next ??= inDoubt is null ? null : now + schedule.Base;
        return new(state, attempts, next, null, code, reason, inDoubt, AuditKinds.Attempt, Json(new
        {
            outcome = state == AlertStates.Failed ? "failed" : kind, attempt = attempts, startedAt = started,
            errorCode = code, errorMessage = reason, retryAfter = retryAfter?.TotalSeconds, nextAttemptAt = next,
            attemptsUsedUp = next is null, reconciled,
        }));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
