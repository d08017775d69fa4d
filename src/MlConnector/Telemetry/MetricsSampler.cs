using MlConnector.Alerts;
using MlConnector.Detection;
using MlConnector.Scheduling;

namespace MlConnector.Telemetry;

/// <summary>Every 15 seconds: when this is the instance that reports for all (the eldest live one), counts the alerts by
/// state for the shared gauges; otherwise clears them, so only one instance exports them.</summary>
internal sealed class MetricsSampler(AlertCounts alerts, InstanceRegistry instances, SharedGauges gauges, TimeProvider time,
    ILogger<MetricsSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Rounds.RunAsync(Interval, time, SampleAsync, e => logger.SampleFailed(e.Message), stoppingToken, firstAtOnce: true);
    }

    /// <summary>One sample (a test may call this at any time).</summary>
    public async Task SampleAsync(CancellationToken ct)
    {
        if (!await instances.IsEldestLiveAsync(ct))
        {
            gauges.Sampled(null);
            return;
        }

        var (states, retrying) = await alerts.ByStateAsync(ct);
        gauges.Sampled(new SharedSample(states, states.GetValueOrDefault(AlertStates.Pending), retrying));
    }
}
