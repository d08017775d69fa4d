using MlConnector.Alerts;
using MlConnector.Detection;

namespace MlConnector.Telemetry;

/// <summary>Every 15 seconds: counts alerts by state and feeds new poll runs, send attempts and unrouted events into the
/// instruments.</summary>
internal sealed class MetricsSampler(AlertCounts alerts, RuleQueries rules, UnroutedEvents unrouted, ConnectorMetrics metrics,
    TimeProvider time, ILogger<MetricsSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastPollRun;
    private long _lastAudit;
    private long _lastUnrouted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.SampleFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sample. Samples never overlap (a test may call this while the timer's own sample runs), so a row is
    /// counted once.</summary>
    public async Task SampleAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await SampleOnceAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SampleOnceAsync(CancellationToken ct)
    {
        var (states, retrying) = await alerts.ByStateAsync(ct);
        metrics.Sampled(states, states.GetValueOrDefault(AlertStates.Pending), retrying);

        foreach (var poll in await rules.RunsAfterAsync(_lastPollRun, ct))
        {
            metrics.PollDuration.Record(poll.DurationMs / 1000.0);
            metrics.RowsRead.Add(poll.RowsRead);
            _lastPollRun = poll.Id;
        }

        foreach (var attempt in await alerts.AttemptsAfterAsync(_lastAudit, ct))
        {
            metrics.SendLatency.Record((attempt.At - attempt.AlertCreatedAt).TotalSeconds);
            if (attempt.AlertAttempts > 1)
            {
                metrics.Retries.Add(1);
            }

            _lastAudit = attempt.AuditId;
        }

        var (count, last) = await unrouted.CountAfterAsync(_lastUnrouted, ct);
        metrics.Unrouted.Add(count);
        _lastUnrouted = last;
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
