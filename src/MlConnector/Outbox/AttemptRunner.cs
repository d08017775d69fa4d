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
/// One claimed alert: reconcile a send in doubt (<see cref="InDoubtReconciler"/>), expire it if too old, suppress it if
/// the number opted out, else send it (its StatusCallback URL naming the alert and this send); then record the outcome (state + audit "attempt" in one transaction).
/// </summary>
public sealed class AttemptRunner(FieldProtector protector, AlertLeases leases, AttemptRecorder recorder, OptOutList optOuts,
    InDoubtReconciler reconciler, ISmsSender sender, PublicUrls urls, SendMetrics metrics, IOptions<TwilioOptions> options, IOptions<OutboxOptions> outboxOptions, TimeProvider time, ILogger<AttemptRunner> logger)
{
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
            await optOuts.AddAsync(options.Value.SenderKey, alert.RecipientPhoneIndex, phone, alert.CompanyId, OptOutList.TwilioRefusedSource,
                time.GetUtcNow(), ct);
        }
    }

    private async Task<AttemptOutcome?> DecideWithoutSendingAsync(ClaimedAlert alert, RetrySchedule schedule,
        DateTimeOffset now, CancellationToken ct)
    {
        // A send in doubt first: if Twilio has it, it was sent, however old the alert is now.
        if (alert.InDoubtSince is not null && await reconciler.ReconcileAsync(alert, schedule, now, ct) is { } settled)
        {
            return settled;
        }

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

        return null;
    }

    private async Task<AttemptOutcome> SendAsync(ClaimedAlert alert, RetrySchedule schedule, SendSlot slot,
        CancellationToken ct)
    {
        var started = time.GetUtcNow();
        var attempts = alert.Attempts + 1;
        var phone = protector.Unprotect(alert.RecipientPhone, AlertEnqueuer.PhonePurpose);
        var body = protector.Unprotect(alert.Body, AlertEnqueuer.BodyPurpose);
        var remaining = UnixTime.FromStored(alert.ChainStartedAt ?? alert.CreatedAt) + options.Value.ValidityPeriod - started;
        // The slot counts from the moment the request goes out on its connection until one second after it reached
        // Twilio, which the answer (or the lack of one) bounds; a request that never went out counts from its end.
        SendResult result;
        try
        {
            result = await sender.SendAsync(new SmsMessage(phone, body, remaining, urls.StatusCallbackFor(alert.Id, alert.LeaseToken))
            {
                Leaving = slot.Sent,
            }, ct);
        }
        finally
        {
            await slot.AnsweredAsync(ct);
        }

        var now = time.GetUtcNow();
        var reconciled = alert.InDoubtSince is not null ? "absent" : null;
        AttemptOutcome outcome = result switch
        {
            SendResult.Sent s => new(AlertStates.Sent, attempts, null, s.MessageSid, null, null, null, AuditKinds.Attempt,
                Json(new { outcome = "sent", attempt = attempts, startedAt = started, messageSid = s.MessageSid, reconciled })),
            SendResult.Permanent p => new(AlertStates.Failed, attempts, null, null, p.Code, p.Reason, null, AuditKinds.Attempt,
                Json(new { outcome = "permanent", attempt = attempts, startedAt = started, errorCode = p.Code, errorMessage = p.Reason, reconciled })),
            SendResult.Transient t => Retry(attempts, schedule, now, t.RetryAfter, t.Code, t.Reason, null, "transient", started, reconciled),
            SendResult.InDoubt d => Retry(attempts, schedule, now, null, null, d.Reason, started, "in-doubt", started, reconciled),
            _ => throw new InvalidOperationException("unknown send result " + result),
        };
        metrics.Attempted(alert, started - UnixTime.FromStored(alert.CreatedAt), attempts, outcome.State);
        return outcome;
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
