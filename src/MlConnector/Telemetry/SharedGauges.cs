using System.Diagnostics.Metrics;

namespace MlConnector.Telemetry;

/// <summary>One look at what all instances share (the alerts table): alerts by state, the queue, those awaiting a retry.</summary>
internal sealed record SharedSample(IReadOnlyDictionary<string, long> ByState, long QueueDepth, long AwaitingRetry);

/// <summary>
/// The gauges of what the instances sharing a database share (meter "MlConnector", exported on /metrics for
/// Prometheus). They show the latest sample <see cref="MetricsSampler"/> took, and only in the instance that reports for
/// all (the eldest live one); the others export no such series, so a sum over instances is the database's value. The
/// counters and histograms of what each instance did live with the features that do it (Detection, Outbox, Webhooks).
/// </summary>
internal sealed class SharedGauges
{
    public const string MeterName = "MlConnector";
    private volatile SharedSample? _sample;

    public SharedGauges(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("mlc.alerts", () => (_sample?.ByState ?? new Dictionary<string, long>()).Select(kv =>
            new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("state", kv.Key))), "{alert}", "Alerts by state.");
        meter.CreateObservableGauge("mlc.queue.depth", () => Observe(s => s.QueueDepth), "{alert}", "Alerts waiting to be sent.");
        meter.CreateObservableGauge("mlc.alerts.awaiting_retry", () => Observe(s => s.AwaitingRetry), "{alert}",
            "Pending alerts that have failed at least once.");
    }

    /// <summary>The latest sample, or null when another instance reports for all.</summary>
    public void Sampled(SharedSample? sample) => _sample = sample;

    private IEnumerable<Measurement<long>> Observe(Func<SharedSample, long> value) =>
        _sample is { } s ? [new Measurement<long>(value(s))] : [];
}
