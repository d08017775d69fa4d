namespace MlConnector.PeerComparison.Report;

/// <summary>The few statistics the table needs: median (mean of the middle two for an even count) and nearest-rank
/// percentiles, so p95 of 50 latencies is the 48th smallest.</summary>
internal static class Stats
{
    public static TimeSpan Median(IReadOnlyCollection<TimeSpan> values)
    {
        var sorted = Sorted(values);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static TimeSpan Percentile(IReadOnlyCollection<TimeSpan> values, double percent)
    {
        var sorted = Sorted(values);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>(N - 1) divided by the time from the first to the last of N events: issue 15's send rate.</summary>
    public static double? Rate(IReadOnlyList<DateTimeOffset> times)
    {
        if (times.Count < 2)
        {
            return null;
        }

        var span = times.Max() - times.Min();
        return span > TimeSpan.Zero ? (times.Count - 1) / span.TotalSeconds : null;
    }

    private static TimeSpan[] Sorted(IReadOnlyCollection<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
