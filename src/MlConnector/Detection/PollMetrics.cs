using System.Diagnostics;
using System.Diagnostics.Metrics;
using MlConnector.Rules;

namespace MlConnector.Detection;

/// <summary>
/// What this process's polls did, counted as each poll ends (never read back from <c>poll_runs</c>): instances sharing
/// a database each count their own polls, and a restarted process starts from nothing, so a sum over instances is the
/// work done. Every measurement names its <c>rule</c> and <c>company</c>.
/// </summary>
public sealed class PollMetrics
{
    /// <summary>From a quick read of an unchanged table to a slow first read; SYSPRO's own time-out (100 s by default)
    /// ends a poll in the last bucket.</summary>
    private static readonly double[] DurationBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _unrouted;

    public PollMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The connector's meter (exported on /metrics); the factory hands every feature the same one by name.
        var meter = meters.Create("MlConnector");
        _duration = meter.CreateHistogram<double>("mlc.poll.duration", "s", "How long a rule's poll took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _rows = meter.CreateCounter<long>("mlc.poll.rows", "{row}", "Rows read from SYSPRO.");
        _unrouted = meter.CreateCounter<long>("mlc.events.unrouted", "{event}",
            "Events whose recipients resolved to nobody (listed at /api/unrouted).");
    }

    /// <summary>A poll of <paramref name="rule"/> this process ran to the end, whether it succeeded or failed (not one
    /// skipped because another instance holds the rule).</summary>
    public void Polled(RuleDefinition rule, PollRecord poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var tags = Tags(rule);
        _duration.Record(poll.Duration.TotalSeconds, tags);
        _rows.Add(poll.RowsRead, tags);
    }

    /// <summary>Events a committed poll of <paramref name="rule"/> recorded as texting nobody (each occurrence once).</summary>
    public void Unrouted(RuleDefinition rule, int events) => _unrouted.Add(events, Tags(rule));

    private static TagList Tags(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new TagList { { "rule", rule.Id }, { "company", rule.Company } };
    }
}
