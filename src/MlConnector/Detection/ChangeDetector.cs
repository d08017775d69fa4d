using System.Globalization;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>
/// Pure change detection: a rule's stored state plus the rows just read give the events and the new state.
/// Records are keyed verbatim (ordinal) and compared by a fingerprint of the columns read, never by dates alone. A
/// record missing from a read is kept as a tombstone with its last status until it has been missing from
/// <see cref="RuleDefinition.ForgetMissingAfterReads"/> complete reads and for <see cref="RuleDefinition.ForgetMissingAfter"/>,
/// so one that comes back is compared with its real previous status, never reported as new. Dates in SYSPRO are
/// date-only, so a date watermark re-reads its last day(s) and de-duplicates through the snapshot; on the first poll
/// the watermark starts at today, so later overlaps never reach before the first poll's window. A read of the rows
/// changed since the rule's rowversion (<see cref="ReadPlan"/>) updates the snapshot as a whole read would, but says
/// nothing of the records it did not return: only a whole read counts them missing.
/// </summary>
public static class ChangeDetector
{
    public static DetectionResult Detect(RuleDefinition rule, RuleState state, IEnumerable<SourceRow> rows, DateTimeOffset now,
        ReadPlan? plan = null)
    {
        var detection = new ChangeDetection(rule, state, now, plan);
        foreach (var row in rows)
        {
            detection.Add(row);
        }

        return detection.Finish();
    }

    /// <summary>The lower bound a date-watermarked rule reads from: the watermark day minus the overlap.</summary>
    public static DateOnly? DateLowerBound(RuleDefinition rule, string? watermark) =>
        DateOnly.TryParseExact(watermark, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.AddDays(-(int)Math.Ceiling(rule.WatermarkOverlap.TotalDays))
            : null;

    internal static string KeyOf(RuleDefinition rule, SourceRow row, int number)
    {
        var key = row.KeyOf(rule.KeyColumns);
        foreach (var column in rule.KeyColumns)
        {
            if (row.Raw(column) is null)
            {
                throw new BadAnswerException($"{rule.Id}: row {number} of {rule.Table} (record {Show(key)}) has no {column}, a key column; " +
                    "SYSPRO's answer was not believed.");
            }
        }

        if (rule.StatusColumn is { } status && row.Raw(status) is null)
        {
            throw new BadAnswerException($"{rule.Id}: record {Show(key)} of {rule.Table} has no {status}, the status column; " +
                "SYSPRO's answer was not believed.");
        }

        return key;
    }

    /// <summary>What happens to remembered records this read did not return: tombstoned, counted, or forgotten.</summary>
    internal static (List<string> Removals, int NewlyMissing) Missing(RuleDefinition rule, RuleState state, Dictionary<string, int> seen,
        string? watermark, DateTimeOffset now, List<SnapshotEntry> upserts)
    {
        var removals = new List<string>();
        var newlyMissing = 0;
        if (rule.Watermark == WatermarkKind.RowVersion)
        {
            return (removals, 0); // a rowversion read returns changed rows only: absence says nothing
        }

        var bound = rule.Watermark == WatermarkKind.Date ? DateLowerBound(rule, watermark) : null;
        foreach (var entry in state.Snapshot.Values.Where(e => !seen.ContainsKey(e.RecordKey)))
        {
            if (bound is { } b && !IsOnOrAfter(entry.WatermarkValue, b))
            {
                removals.Add(entry.RecordKey); // outside the re-read window a record can no longer come back: forget it
            }
            else if (!entry.IsTombstone)
            {
                newlyMissing++;
                upserts.Add(entry with { MissingReads = 1, MissingSince = now });
            }
            else if (entry.MissingReads + 1 >= rule.ForgetMissingAfterReads && now - (entry.MissingSince ?? now) >= rule.ForgetMissingAfter)
            {
                removals.Add(entry.RecordKey);
            }
            else
            {
                upserts.Add(entry with { MissingReads = entry.MissingReads + 1 });
            }
        }

        return (removals, newlyMissing);
    }

    internal static string Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Show(string key) => key.Length > 0 && (key[0] == ' ' || key[^1] == ' ') ? $"'{key}'" : key;

    internal static string? Max(WatermarkKind kind, string? current, string? candidate)
    {
        if (candidate is null || kind == WatermarkKind.None)
        {
            return current;
        }

        if (current is null)
        {
            return candidate;
        }

        if (kind == WatermarkKind.RowVersion)
        {
            return RowVersion.TryParse(candidate, out _)
                ? RowVersion.Later(current, candidate)
                : throw new BadAnswerException($"a {kind} watermark value '{candidate}' is not a rowversion; SYSPRO's answer was not believed.");
        }

        return string.CompareOrdinal(candidate, current) > 0 ? candidate : current;
    }

    internal static bool IsOnOrAfter(string? date, DateOnly bound) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d >= bound;
}
