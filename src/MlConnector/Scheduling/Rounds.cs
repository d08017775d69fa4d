namespace MlConnector.Scheduling;

/// <summary>
/// The loop of a background service that works in rounds (digests, acknowledgement timers, voice calls, key ids, metric
/// samples, lease heartbeats): one round every <c>every</c> on the injected clock, the first at once when asked; a round
/// that fails is reported and the next one comes as usual; the loop ends when the service stops.
/// </summary>
internal static class Rounds
{
    public static async Task RunAsync(TimeSpan every, TimeProvider time, Func<CancellationToken, Task> round,
        Action<Exception> failed, CancellationToken stoppingToken, bool firstAtOnce = false)
    {
        try
        {
            using var timer = new PeriodicTimer(every, time);
            if (firstAtOnce)
            {
                await RoundAsync();
            }

            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RoundAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the service is stopping
        }

        async Task RoundAsync()
        {
            try
            {
                await round(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failed(e);
            }
        }
    }
}
