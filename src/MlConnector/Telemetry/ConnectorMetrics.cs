using System.Diagnostics.Metrics;

namespace MlConnector.Telemetry;

/// <summary>The connector's OpenTelemetry instruments (meter "MlConnector"), exported on /metrics for Prometheus.
/// Gauges read the latest sample taken by <see cref="MetricsSampler"/>; the histograms and counters are fed by it
/// from poll_runs and the audit trail, so they count what every instance sharing the database did.</summary>
public sealed class ConnectorMetrics : IDisposable
{
    public const string MeterName = "MlConnector";
    private readonly Meter _meter;
    private volatile IReadOnlyDictionary<string, long> _byState = new Dictionary<string, long>();
    private long _queueDepth;
    private long _awaitingRetry;

    public ConnectorMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("mlc.alerts", () => _byState.Select(kv => new Measurement<long>(kv.Value,
            new KeyValuePair<string, object?>("state", kv.Key))), "{alert}", "Alerts by state.");
        _meter.CreateObservableGauge("mlc.queue.depth", () => Interlocked.Read(ref _queueDepth), "{alert}", "Alerts waiting to be sent.");
        _meter.CreateObservableGauge("mlc.alerts.awaiting_retry", () => Interlocked.Read(ref _awaitingRetry), "{alert}",
            "Pending alerts that have failed at least once.");
        PollDuration = _meter.CreateHistogram<double>("mlc.poll.duration", "s", "How long a rule's poll took.");
        RowsRead = _meter.CreateCounter<long>("mlc.poll.rows", "{row}", "Rows read from SYSPRO.");
        SendLatency = _meter.CreateHistogram<double>("mlc.send.latency", "s", "From detection to a send attempt.");
        Retries = _meter.CreateCounter<long>("mlc.send.retries", "{attempt}", "Send attempts after the first.");
        Unrouted = _meter.CreateCounter<long>("mlc.events.unrouted", "{event}",
            "Events whose recipients resolved to nobody (listed at /api/unrouted).");
    }

    public Histogram<double> PollDuration { get; }
    public Counter<long> RowsRead { get; }
    public Histogram<double> SendLatency { get; }
    public Counter<long> Retries { get; }
    public Counter<long> Unrouted { get; }

    public void Sampled(IReadOnlyDictionary<string, long> byState, long queueDepth, long awaitingRetry)
    {
        _byState = byState;
        Interlocked.Exchange(ref _queueDepth, queueDepth);
        Interlocked.Exchange(ref _awaitingRetry, awaitingRetry);
    }

    public void Dispose() => _meter.Dispose();
}
