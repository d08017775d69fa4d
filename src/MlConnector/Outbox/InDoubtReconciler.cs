using System.Text.Json;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.Security;
using MlConnector.Sms;
using MlConnector.Storage;

namespace MlConnector.Outbox;

/// <summary>
/// Settles a send in doubt (Twilio may have accepted it; its answer never came) before anything else happens to the
/// alert, expiry included: by the MessageSid a status callback for that send put on the alert (its URL names the alert
/// and the send), else by a bounded look at Twilio's message list (newest first, created since the attempt began less
/// a slack for clocks, never a text recorded on another alert). A list that cannot be read is looked at again later,
/// backed off like sends, audited once per doubt, and after Twilio:MaxAttempts failed looks the alert fails.
/// </summary>
public sealed class InDoubtReconciler(AlertLeases leases, FieldProtector protector, ISmsSender sender,
    ILogger<InDoubtReconciler> logger)
{
    // Clocks differ (ours, Twilio's): look a little before the attempt began.
    private static readonly TimeSpan LookupSlack = TimeSpan.FromMinutes(2);

    /// <returns>The outcome when the doubt settled it (sent, or looked at again later, or failed); null when the text
    /// is not at Twilio, so it may be sent again.</returns>
    public async Task<AttemptOutcome?> ReconcileAsync(ClaimedAlert alert, RetrySchedule schedule, DateTimeOffset now,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(schedule);
        var doubtSince = UnixTime.FromStored(alert.InDoubtSince ?? throw new ArgumentException("not in doubt", nameof(alert)));
        if (alert.MessageSid is { } named)
        {
            return Reconciled(alert, named, "status-callback", null, doubtSince);
        }

        var phone = protector.Unprotect(alert.RecipientPhone, AlertEnqueuer.PhonePurpose);
        var body = protector.Unprotect(alert.Body, AlertEnqueuer.BodyPurpose);
        var since = doubtSince - LookupSlack;
        var excluded = await leases.SidsOfOtherAlertsAsync(alert, since - LookupSlack, ct);
        return await sender.FindAsync(phone, body, since, excluded, ct) switch
        {
            LookupResult.Found f => Reconciled(alert, f.MessageSid, "message-list", f.Status, doubtSince),
            LookupResult.Unknown u => LookAgainLater(alert, schedule, now, u.Reason, doubtSince),
            _ when alert.Attempts >= schedule.MaxAttempts => new(AlertStates.Failed, alert.Attempts, null, null, null,
                "attempts used up", null, AuditKinds.Attempt,
                Json(new { outcome = "failed", reason = "attempts used up; the send in doubt was not found at Twilio" })),
            _ => null, // not at Twilio: send again
        };
    }

    private static AttemptOutcome Reconciled(ClaimedAlert alert, string sid, string via, string? status, DateTimeOffset doubtSince) =>
        new(AlertStates.Sent, alert.Attempts, null, sid, null, null, null, AuditKinds.Attempt,
            Json(new { outcome = "reconciled", via, messageSid = sid, twilioStatus = status, inDoubtSince = doubtSince }));

    private AttemptOutcome LookAgainLater(ClaimedAlert alert, RetrySchedule schedule, DateTimeOffset now, string reason,
        DateTimeOffset doubtSince)
    {
        var failures = alert.LookupFailures + 1;
        if (failures >= schedule.MaxAttempts)
        {
            return new(AlertStates.Failed, alert.Attempts, null, null, null,
                "in doubt; Twilio's message list could not be read", null, AuditKinds.Attempt, Json(new
                {
                    outcome = "failed", reason = "reconcile-failed: Twilio's message list could not be read; whether the text was sent is unknown",
                    lookups = failures, lastError = reason, inDoubtSince = doubtSince,
                }));
        }

        var next = schedule.Next((int)failures, now, null, Random.Shared.NextDouble()) ?? now + schedule.Base;
        logger.LookupPostponed(alert.Id, failures, reason, next);
        // Audited once per doubt (the first failed look); the later ones are logged: a long outage is not an audit row a minute.
        return new(AlertStates.Pending, alert.Attempts, next, null, null, "in doubt; Twilio's message list unavailable",
            doubtSince, failures == 1 ? AuditKinds.Attempt : null,
            Json(new { outcome = "reconcile-failed", reason, inDoubtSince = doubtSince, nextLookAt = next }))
        {
            LookupFailures = failures,
        };
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
