
namespace MlConnector.Security;

/// <summary>Picks up a key id added by <c>keys rotate</c> in another process, so a running service starts writing
/// under the new key within <see cref="Interval"/> (rows it wrote meanwhile stay readable under the old id).</summary>
internal sealed class KeyIdRefresher(KeyRingStore keyRing, FieldProtector protector, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var newest = await keyRing.ActiveKeyIdAsync(stoppingToken);
                if (newest > protector.ActiveKeyId)
                {
                    protector.Activate(newest);
                }
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is briefly unavailable: try again next tick; /health/ready reports the database.
            }
        }
    }
}
