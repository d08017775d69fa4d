using System.Diagnostics.Metrics;

namespace MlConnector.Outbox;

/// <summary>
/// What this process's dispatcher sent, counted as each request to Twilio is made (never read back from the audit
/// trail): instances sharing a database each count their own sends, and a restarted process starts from nothing, so a
/// sum over instances is the work done.
/// </summary>
public sealed class SendMetrics
{
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _retries;

    public SendMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The connector's meter (exported on /metrics); the factory hands every feature the same one by name.
        var meter = meters.Create("MlConnector");
        _latency = meter.CreateHistogram<double>("mlc.send.latency", "s", "From detection to a send attempt.");
        _retries = meter.CreateCounter<long>("mlc.send.retries", "{attempt}", "Send attempts after the first.");
    }

    /// <summary>One request to Twilio: <paramref name="sinceDetection"/> after the alert was created, the alert's
    /// <paramref name="attempt"/>th.</summary>
    public void Attempted(TimeSpan sinceDetection, long attempt)
    {
        _latency.Record(sinceDetection.TotalSeconds);
        if (attempt > 1)
        {
            _retries.Add(1);
        }
    }
}
