using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>
/// Pure change detection: a rule's stored state plus the rows just read give the events and the new state.
/// Dates in SYSPRO are date-only, so a date watermark re-reads its last day(s) and de-duplicates through the
/// snapshot; records are compared by a fingerprint of the columns read, never by dates alone.
/// </summary>
public static class ChangeDetector
{
    public static DetectionResult Detect(RuleDefinition rule, RuleState state, IEnumerable<SourceRow> rows, DateTimeOffset now)
    {
        var events = new List<DetectedEvent>();
        var upserts = new List<SnapshotEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var baseline = !state.Baselined;
        var backfillFrom = baseline && rule.Backfill is { } window ? DateOnly.FromDateTime((now - window).UtcDateTime) : (DateOnly?)null;
        var watermark = state.Watermark;
        var count = 0;

        foreach (var row in rows)
        {
            count++;
            var key = row.KeyOf(rule.KeyColumns);
            if (!seen.Add(key))
            {
                continue; // the same record twice in one read (overlapping pages): the first copy counts
            }

            var watermarkValue = rule.WatermarkColumn is null ? null : row[rule.WatermarkColumn];
            watermark = Max(rule.Watermark, watermark, watermarkValue);
            var fingerprint = Fingerprint(rule, row);
            var status = rule.StatusColumn is null ? null : row[rule.StatusColumn];
            state.Snapshot.TryGetValue(key, out var previous);
            if (previous is not null && previous.Fingerprint == fingerprint)
            {
                continue;
            }

            upserts.Add(new SnapshotEntry(key, fingerprint, status, watermarkValue));
            var isNew = previous is null;
            if (baseline && !(isNew && backfillFrom is { } from && IsOnOrAfter(watermarkValue, from)))
            {
                continue;
            }

            if (!isNew && string.Equals(previous!.Status, status, StringComparison.Ordinal))
            {
                continue; // other columns changed; the status did not
            }

            var transition = rule.Transitions.FirstOrDefault(t => t.Matches(previous?.Status, status, isNew));
            if (transition is not null)
            {
                events.Add(new DetectedEvent(key, row, previous?.Status, status, transition, fingerprint));
            }
        }

        return new DetectionResult(events, upserts, Removals(rule, state, seen, watermark), watermark, baseline, count);
    }

    /// <summary>The lower bound a date-watermarked rule reads from: the watermark day minus the overlap.</summary>
    public static DateOnly? DateLowerBound(RuleDefinition rule, string? watermark) =>
        DateOnly.TryParseExact(watermark, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.AddDays(-(int)Math.Ceiling(rule.WatermarkOverlap.TotalDays))
            : null;

    private static List<string> Removals(RuleDefinition rule, RuleState state, HashSet<string> seen, string? watermark)
    {
        switch (rule.Watermark)
        {
            case WatermarkKind.None:
                // Records that left the working set are forgotten; leaving yields no event.
                return state.Snapshot.Keys.Where(k => !seen.Contains(k)).ToList();
            case WatermarkKind.Date when DateLowerBound(rule, watermark) is { } bound:
                // Outside the re-read window a record can no longer come back: forget it.
                return state.Snapshot.Values.Where(e => !seen.Contains(e.RecordKey) && !IsOnOrAfter(e.WatermarkValue, bound))
                    .Select(e => e.RecordKey).ToList();
            default:
                return [];
        }
    }

    private static string? Max(WatermarkKind kind, string? current, string? candidate)
    {
        if (candidate is null || kind == WatermarkKind.None)
        {
            return current;
        }

        if (current is null)
        {
            return candidate;
        }

        return kind == WatermarkKind.RowVersion
            ? (long.Parse(candidate, CultureInfo.InvariantCulture) > long.Parse(current, CultureInfo.InvariantCulture) ? candidate : current)
            : (string.CompareOrdinal(candidate, current) > 0 ? candidate : current);
    }

    private static bool IsOnOrAfter(string? date, DateOnly bound) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d >= bound;

    private static string Fingerprint(RuleDefinition rule, SourceRow row)
    {
        var text = new StringBuilder();
        foreach (var column in rule.SelectedColumns)
        {
            text.Append(column).Append('=').Append(row[column]).Append('\u001f');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
