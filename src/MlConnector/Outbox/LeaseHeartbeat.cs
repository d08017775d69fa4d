using System.Data.Common;
using MlConnector.Alerts;

namespace MlConnector.Outbox;

/// <summary>
/// Keeps a claimed alert's lease alive while its attempt runs (a slow lookup, a POST Twilio answers late): every third
/// of the lease, on the injected clock, it extends the lease of this claim (fenced by its token). A renewal the store
/// refuses means the claim is gone (settled by a status callback, or claimed again after all): it stops, and the
/// attempt's own writes, fenced the same way, come to nothing.
/// </summary>
internal sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _beating;

    private LeaseHeartbeat(AlertLeases leases, ClaimedAlert alert, TimeSpan lease, TimeProvider time, ILogger logger) =>
        _beating = BeatAsync(leases, alert, lease, time, logger, _stop.Token);

    public static LeaseHeartbeat Start(AlertLeases leases, ClaimedAlert alert, TimeSpan lease, TimeProvider time, ILogger logger) =>
        new(leases, alert, lease, time, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        _stop.Dispose();
    }

    private static async Task BeatAsync(AlertLeases leases, ClaimedAlert alert, TimeSpan lease, TimeProvider time, ILogger logger,
        CancellationToken stop)
    {
        // A periodic timer beats on a fixed schedule from the claim: a slow renewal does not push later beats back.
        using var beats = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await beats.WaitForNextTickAsync(stop))
            {
                try
                {
                    // Not cancelled with the attempt: a renewal is one short write, and a half-done one helps nobody.
                    if (!await leases.RenewAsync(alert, time.GetUtcNow(), lease, CancellationToken.None))
                    {
                        logger.LeaseRenewalRefused(alert.Id);
                        return;
                    }
                }
                catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
                {
                    logger.LeaseRenewalFailed(e, alert.Id); // tried again at the next beat; the lease has two more thirds
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the attempt is over
        }
    }
}
