using System.Diagnostics.Metrics;

namespace MlConnector.Detection;

/// <summary>
/// What this process's polls did, counted as each poll ends (never read back from <c>poll_runs</c>): instances sharing
/// a database each count their own polls, and a restarted process starts from nothing, so a sum over instances is the
/// work done.
/// </summary>
public sealed class PollMetrics
{
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _unrouted;

    public PollMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The connector's meter (exported on /metrics); the factory hands every feature the same one by name.
        var meter = meters.Create("MlConnector");
        _duration = meter.CreateHistogram<double>("mlc.poll.duration", "s", "How long a rule's poll took.");
        _rows = meter.CreateCounter<long>("mlc.poll.rows", "{row}", "Rows read from SYSPRO.");
        _unrouted = meter.CreateCounter<long>("mlc.events.unrouted", "{event}",
            "Events whose recipients resolved to nobody (listed at /api/unrouted).");
    }

    /// <summary>A poll this process ran to the end, whether it succeeded or failed (not one skipped because another
    /// instance holds the rule).</summary>
    public void Polled(PollRecord poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        _duration.Record(poll.Duration.TotalSeconds);
        _rows.Add(poll.RowsRead);
    }

    /// <summary>Events a committed poll recorded as texting nobody (each occurrence once).</summary>
    public void Unrouted(int events) => _unrouted.Add(events);
}
