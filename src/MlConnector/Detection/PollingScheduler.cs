using Microsoft.Extensions.Options;
using MlConnector.Rules;
using MlConnector.Scheduling;

namespace MlConnector.Detection;

/// <summary>
/// Polls each rule on its own cadence, after a jittered start. A rule's polls run one after another (never two at
/// once); a failing rule is recorded and retried next time, and never stops the others. A rule another instance holds is
/// tried again after one lease (Polling:LeaseDuration), not a whole cadence, so a dead holder's rules move within
/// seconds. A heartbeat keeps this process's rule leases alive between polls.
/// </summary>
internal sealed class PollingScheduler(
    RuleSet rules,
    RulePoller poller,
    RuleStateStore store,
    RuleLeases leases,
    InstanceRegistry instance,
    IOptions<PollingOptions> options,
    TimeProvider time,
    ILogger<PollingScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var summary = string.Join(", ", rules.Rules.Select(r => $"{r.Id} every {r.Cadence}"));
        logger.RulesLoaded(rules.Rules.Count, summary);
        return options.Value.Enabled
            ? Task.WhenAll(rules.Rules.Select(rule => Task.Run(() => LoopAsync(rule, stoppingToken), stoppingToken))
                .Append(Task.Run(() => HeartbeatAsync(stoppingToken), stoppingToken)))
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
            var retryHeld = options.Value.LeaseDuration < rule.Cadence ? options.Value.LeaseDuration : rule.Cadence;
            await new CadenceLoop(rule.Cadence, retryHeld, time).RunAsync(async token =>
                !instance.Superseded && !await IsPausedAsync(rule, token) && (await poller.PollAsync(rule, token)).HeldBy is not null, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>Renews this process's rule leases every heartbeat interval, so they outlive the gap between polls.</summary>
    private async Task HeartbeatAsync(CancellationToken ct)
    {
        // A failed beat: the leases have two more beats to go.
        await Rounds.RunAsync(options.Value.HeartbeatInterval, time, leases.RenewHeldAsync, e => logger.LeaseHeartbeatFailed(e.Message), ct);
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
