namespace MlConnector.Operations;

/// <summary>Replays alerts: a new attempt on the same alert, audited with who and why. The dashboard, the API and
/// the CLI use this (implemented by Outbox/ReplayService).</summary>
public interface IAlertReplayer
{
    /// <summary>Re-queues one alert; false when it does not exist or is already queued or being sent.</summary>
    Task<bool> ReplayAsync(long alertId, string actor, string reason, CancellationToken ct);

    /// <summary>Re-queues every failed alert that failed since <paramref name="since"/>; returns how many.</summary>
    Task<int> ReplayFailedSinceAsync(DateTimeOffset since, string actor, string reason, CancellationToken ct,
        IProgress<int>? progress = null);
}
