using Microsoft.Extensions.Options;
using MlConnector.Rules;

namespace MlConnector.Detection;

/// <summary>
/// Polls each rule on its own cadence, after a jittered start. A rule's polls run one after another (never two at
/// once); a failing rule is recorded and retried next time, and never stops the others.
/// </summary>
internal sealed class PollingScheduler(
    RuleSet rules,
    RulePoller poller,
    RuleStateStore store,
    RuleLeases leases,
    IOptions<PollingOptions> options,
    TimeProvider time,
    ILogger<PollingScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var summary = string.Join(", ", rules.Rules.Select(r => $"{r.Id} every {r.Cadence}"));
        logger.RulesLoaded(rules.Rules.Count, summary);
        return options.Value.Enabled
            ? Task.WhenAll(rules.Rules.Select(rule => Task.Run(() => LoopAsync(rule, stoppingToken), stoppingToken)))
            : Task.CompletedTask;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await leases.ReleaseAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.PollFailed("(all)", $"could not release this instance's rule leases: {e.Message}");
        }
    }

    private async Task LoopAsync(RuleDefinition rule, CancellationToken ct)
    {
        try
        {
            var maxJitter = Math.Min(options.Value.StartJitter.Ticks, rule.Cadence.Ticks);
            await Task.Delay(TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * maxJitter)), time, ct);
            using var timer = new PeriodicTimer(rule.Cadence, time);
            do
            {
                if (!await IsPausedAsync(rule, ct))
                {
                    await poller.PollAsync(rule, ct);
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task<bool> IsPausedAsync(RuleDefinition rule, CancellationToken ct)
    {
        try
        {
            return await store.IsPausedAsync(rule, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.PollFailed(rule.Id, $"could not read the rule's pause switch: {e.Message}");
            return false;
        }
    }
}
