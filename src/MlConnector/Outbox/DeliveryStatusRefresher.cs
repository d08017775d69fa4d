using Microsoft.Extensions.Options;
using MlConnector.Alerts;
using MlConnector.Sms;

namespace MlConnector.Outbox;

/// <summary>
/// Every minute, fetches from Twilio (through the SDK) the status of a few sent alerts that have had no news for
/// Outbox:StatusCheckAfter, and records what Twilio says as a status callback would be recorded (once per status,
/// never moving a final status back, audited), so that after downtime every alert still ends delivered, undelivered
/// or failed. Bounded: at most <see cref="PerRound"/> fetches a minute per instance and Outbox:StatusChecks per alert.
/// </summary>
public sealed class DeliveryStatusRefresher(StaleDeliveries stale, ISmsSender sender, DeliveryEvents events,
    IOptions<OutboxOptions> outboxOptions, IOptions<TwilioOptions> twilioOptions, DispatcherActivity activity, TimeProvider time,
    ILogger<DeliveryStatusRefresher> logger) : BackgroundService
{
    public const int PerRound = 20;
    private static readonly TimeSpan Round = TimeSpan.FromMinutes(1);
    // Never disposed: the timer may still fire while the service is torn down (nothing to release without a wait handle).
    private readonly SemaphoreSlim _due = new(0, 1);
    private int _pending;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = outboxOptions.Value;
        if (!twilioOptions.Value.Enabled || o.StatusChecks == 0)
        {
            return;
        }

        // A round counts as the outbox's work from the moment it falls due (the timer's callback, which a test's
        // clock runs inside its own move), so "idle" (DispatcherActivity) never hides a round about to talk to Twilio.
        using var timer = time.CreateTimer(_ => RoundDue(), null, Round, Round);
        while (!stoppingToken.IsCancellationRequested)
        {
            await _due.WaitAsync(stoppingToken);
            try
            {
                await RefreshAsync(o, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.StatusRefreshFailed(e);
            }
            finally
            {
                Volatile.Write(ref _pending, 0);
                activity.Finished();
            }
        }
    }

    /// <summary>A round fell due: one at a time (a round still running when the next falls due absorbs it).</summary>
    private void RoundDue()
    {
        if (Interlocked.CompareExchange(ref _pending, 1, 0) == 0)
        {
            activity.Started();
            _due.Release();
        }
    }

    /// <summary>One round: claims the alerts due, one at a time, and records what Twilio says of each. One at a time,
    /// because a claim uses one of the alert's checks and doubles its wait for the next: a round cut short (the service
    /// stopping, a store error) has used the check of the alert it was fetching, not those of every alert due.</summary>
    public async Task RefreshAsync(OutboxOptions o, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        for (var fetched = 0; fetched < PerRound; fetched++)
        {
            if (await stale.ClaimNextAsync(time.GetUtcNow(), o.StatusCheckAfter, o.StatusChecks, ct) is not { } alert)
            {
                break;
            }

            switch (await sender.FetchAsync(alert.MessageSid, ct))
            {
                case LookupResult.Found found:
                    await events.RecordAsync(new StatusCallback(found.MessageSid, found.Status, found.ErrorCode,
                        new Dictionary<string, string>(StringComparer.Ordinal) { ["MessageSid"] = found.MessageSid, ["MessageStatus"] = found.Status })
                    { Fetched = true }, time.GetUtcNow(), ct);
                    logger.StatusFetched(alert.Id, found.Status, alert.Checks);
                    break;
                case LookupResult.Unknown unknown:
                    logger.StatusFetchFailed(alert.Id, alert.Checks, unknown.Reason);
                    break;
                default:
                    logger.StatusFetchFailed(alert.Id, alert.Checks, "Twilio does not know this MessageSid");
                    break;
            }
        }
    }
}
