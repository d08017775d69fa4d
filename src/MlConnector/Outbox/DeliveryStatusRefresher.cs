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
    IOptions<OutboxOptions> outboxOptions, IOptions<TwilioOptions> twilioOptions, TimeProvider time,
    ILogger<DeliveryStatusRefresher> logger) : BackgroundService
{
    public const int PerRound = 20;
    private static readonly TimeSpan Round = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = outboxOptions.Value;
        if (!twilioOptions.Value.Enabled || o.StatusChecks == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(Round, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(o, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.StatusRefreshFailed(e);
            }
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
