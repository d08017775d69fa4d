namespace MlConnector.Syspro;

/// <summary>Keeps every company's e.net session alive between polls (refresh before the idle timeout) and logs them
/// off on shutdown, so no licence is left held by an orphaned session.</summary>
internal sealed class EnetSessionKeeper(SysproCompanies companies, TimeProvider time, ILogger<EnetSessionKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var wait = companies.All.Select(c => c.Session.RefreshDue).OfType<DateTimeOffset>()
                .Select(due => due - now).Append(MaxWait).Min();
            await Task.Delay(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, time, stoppingToken);
            foreach (var company in companies.All)
            {
                try
                {
                    await company.Session.RefreshIfDueAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.EnetRefreshFailed(e.Message);
                }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var company in companies.All)
        {
            try
            {
                await company.Session.LogoffAsync(cancellationToken);
            }
            // ObjectDisposedException: a host stopped again after its services were disposed (WebApplicationFactory).
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SysproException or ObjectDisposedException)
            {
                logger.EnetLogoffFailed(e.Message);
            }
        }
    }
}
