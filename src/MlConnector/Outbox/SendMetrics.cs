using System.Diagnostics;
using System.Diagnostics.Metrics;
using MlConnector.Alerts;

namespace MlConnector.Outbox;

/// <summary>
/// What this process's dispatcher sent, counted as each request to Twilio is made (never read back from the audit
/// trail): instances sharing a database each count their own sends, and a restarted process starts from nothing, so a
/// sum over instances is the work done. Every measurement names the alert's <c>rule</c> and <c>company</c>.
/// </summary>
public sealed class SendMetrics
{
    /// <summary>From a text sent moments after its poll to one sent after retries backed off, or after quiet hours
    /// held it; an alert is never sent past its validity period (4 h by default).</summary>
    private static readonly double[] LatencyBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 14400];

    private readonly Histogram<double> _latency;
    private readonly Counter<long> _retries;

    public SendMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The connector's meter (exported on /metrics); the factory hands every feature the same one by name.
        var meter = meters.Create("MlConnector");
        _latency = meter.CreateHistogram<double>("mlc.send.latency", "s",
            "From detection to a send attempt, by the state the attempt left the alert in (sent, failed, pending: tried again later).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _retries = meter.CreateCounter<long>("mlc.send.retries", "{attempt}", "Send attempts after the first.");
    }

    /// <summary>One request to Twilio for <paramref name="alert"/>: <paramref name="sinceDetection"/> after the alert was
    /// created, its <paramref name="attempt"/>th, which left it in <paramref name="state"/>.</summary>
    public void Attempted(ClaimedAlert alert, TimeSpan sinceDetection, long attempt, string state)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var tags = new TagList { { "rule", alert.RuleId }, { "company", alert.CompanyId } };
        if (attempt > 1)
        {
            _retries.Add(1, tags);
        }

        tags.Add("state", state);
        _latency.Record(sinceDetection.TotalSeconds, tags);
    }
}
