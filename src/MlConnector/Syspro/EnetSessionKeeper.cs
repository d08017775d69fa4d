namespace MlConnector.Syspro;

/// <summary>Keeps the e.net session alive between polls (refresh before the idle timeout) and logs it off on
/// shutdown, so no licence is left held by an orphaned session.</summary>
internal sealed class EnetSessionKeeper(EnetSession session, TimeProvider time, ILogger<EnetSessionKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = session.RefreshDue is { } due ? due - time.GetUtcNow() : TimeSpan.FromSeconds(30);
            await Task.Delay(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : Min(wait, TimeSpan.FromSeconds(30)), time, stoppingToken);
            try
            {
                await session.RefreshIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.EnetRefreshFailed(e.Message);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await session.LogoffAsync(cancellationToken);
        }
        // ObjectDisposedException: WebApplicationFactory.DisposeAsync can dispose the services before it stops the host.
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SysproException or ObjectDisposedException)
        {
            logger.EnetLogoffFailed(e.Message);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
