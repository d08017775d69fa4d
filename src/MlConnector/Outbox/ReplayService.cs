using MlConnector.Alerts;

namespace MlConnector.Outbox;

/// <summary>
/// Replay, for the CLI, the API and the dashboard alike: a new attempt chain on the same alert (pending, attempts
/// reset, due now, validity counted from now), audited with who and why; the dispatcher is woken (<see cref="NewAlertsSignal"/>) to send it.
/// </summary>
public sealed class ReplayService(AlertRequeue requeue, AlertQueries queries, NewAlertsSignal newAlerts, TimeProvider time,
    ILogger<ReplayService> logger)
{
    public async Task<ReplayOutcome> ReplayAsync(long alertId, string actor, string? reason, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var outcome = await requeue.RequeueAsync(alertId, actor, reason, time.GetUtcNow(), ct);
        if (outcome == ReplayOutcome.Replayed)
        {
            logger.Replayed(actor, 1);
            newAlerts.Raise();
        }

        return outcome;
    }

    /// <summary>How many alerts failed (last changed) at or after <paramref name="since"/>: what a bulk replay would take.</summary>
    public Task<long> CountFailedSinceAsync(DateTimeOffset since, CancellationToken ct) => queries.CountFailedSinceAsync(since, ct);

    /// <summary>Replays every alert that failed at or after <paramref name="since"/>; returns how many.</summary>
    public async Task<int> ReplayFailedSinceAsync(DateTimeOffset since, string actor, string? reason, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var count = await requeue.RequeueFailedSinceAsync(since, actor, reason, time.GetUtcNow(), ct);
        logger.Replayed(actor, count);
        newAlerts.Raise();
        return count;
    }
}
