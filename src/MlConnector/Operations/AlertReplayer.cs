using MlConnector.Outbox;

namespace MlConnector.Operations;

/// <summary>The dashboard's and the API's replay: the outbox's <see cref="ReplayService"/>, the same one the CLI uses.</summary>
public sealed class AlertReplayer(ReplayService replay) : IAlertReplayer
{
    public async Task<bool> ReplayAsync(long alertId, string actor, string reason, CancellationToken ct) =>
        await replay.ReplayAsync(alertId, actor, reason, ct) == ReplayOutcome.Replayed;

    public async Task<int> ReplayFailedSinceAsync(DateTimeOffset since, string actor, string reason, CancellationToken ct,
        IProgress<int>? progress = null)
    {
        var replayed = await replay.ReplayFailedSinceAsync(since, actor, reason, ct);
        progress?.Report(replayed);
        return replayed;
    }
}
