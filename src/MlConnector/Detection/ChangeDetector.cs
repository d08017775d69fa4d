using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
        plan ??= ReadPlan.WholeWorkingSet;
        string? highest = null;
        if (plan.RowVersionColumn is { } versionColumn)
        {
            (rows, highest) = RowVersionRows.Latest(rule, versionColumn, rows, plan.Full ? null : state.RowVersion);
        }

        var events = new List<DetectedEvent>();
        var upserts = new List<SnapshotEntry>();
        var skipped = new List<SkippedRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var baseline = !state.Baselined;
        var backfillFrom = baseline && rule.Backfill is { } window ? DateOnly.FromDateTime((now - window).UtcDateTime) : (DateOnly?)null;
        var watermark = baseline && rule.Watermark == WatermarkKind.Date ? Today(now) : state.Watermark;
        var count = 0;
        var changed = 0;

        foreach (var row in rows)
        {
            count++;
            var key = KeyOf(rule, row, count);
            if (!seen.Add(key))
            {
                continue; // the same record twice in one read (overlapping pages): the first copy counts
            }

            var status = rule.StatusColumn is null ? null : row[rule.StatusColumn];
            if (rule.Statuses is { } domain && !domain.Contains(status!))
            {
                skipped.Add(new SkippedRow(key, status)); // not believed; what the rule remembers of it stays as it was
                continue;
            }

            var watermarkValue = rule.WatermarkColumn is null ? null : row[rule.WatermarkColumn];
            watermark = Max(rule.Watermark, watermark, watermarkValue);
            var fingerprint = Fingerprint(rule, row);
            state.Snapshot.TryGetValue(key, out var previous);
            if (previous is { IsTombstone: false } && previous.Fingerprint == fingerprint)
            {
                continue;
            }

            upserts.Add(new SnapshotEntry(key, fingerprint, status, watermarkValue));
            var isNew = previous is null;
            var statusChanged = !isNew && !string.Equals(previous!.Status, status, StringComparison.Ordinal);
            changed += statusChanged && !previous!.IsTombstone ? 1 : 0;
            if (baseline && !(isNew && backfillFrom is { } from && IsOnOrAfter(watermarkValue, from)))
            {
                continue;
            }

            if (!isNew && !statusChanged)
            {
                continue; // other columns changed (or it came back as it was); the status did not
            }

            var transition = rule.Transitions.FirstOrDefault(t => t.Matches(previous?.Status, status, isNew));
            if (transition is not null)
            {
                events.Add(new DetectedEvent(key, row, previous?.Status, status, transition, fingerprint));
            }
        }

        // A read of changes is judged against the working set it comes from, or one odd record would fail every poll.
        var judged = plan.ChangesOnly ? Math.Max(count, state.Snapshot.Values.Count(e => !e.IsTombstone)) : count;
        if (skipped.Count > rule.MaxUnknownStatusShare * judged)
        {
            throw new BadAnswerException($"{rule.Id}: {skipped.Count} of {count} rows of {rule.Table} have a {rule.StatusColumn} " +
                $"outside the rule's Statuses (e.g. record {Show(skipped[0].RecordKey)} has '{skipped[0].Status}'); SYSPRO's answer was not believed.");
        }

        var (removals, missing) = plan.ChangesOnly ? ([], 0) : Missing(rule, state, seen, watermark, now, upserts);
        return new DetectionResult(events, upserts, removals, watermark, baseline, count)
        {
            Skipped = skipped,
            Remembered = state.Snapshot.Values.Count(e => !e.IsTombstone),
            Changed = changed + missing,
            // A whole read (ordered by rowversion) restarts from what it saw; a read of changes moves on from the rule's.
            RowVersion = plan.RowVersionColumn is null ? null : plan.Full ? highest : RowVersion.Later(state.RowVersion, highest),
            FullRead = plan.Full,
        };
    }

    /// <summary>The lower bound a date-watermarked rule reads from: the watermark day minus the overlap.</summary>
    public static DateOnly? DateLowerBound(RuleDefinition rule, string? watermark) =>
        DateOnly.TryParseExact(watermark, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.AddDays(-(int)Math.Ceiling(rule.WatermarkOverlap.TotalDays))
            : null;

    private static string KeyOf(RuleDefinition rule, SourceRow row, int number)
    {
        var key = row.KeyOf(rule.KeyColumns);
        foreach (var column in rule.KeyColumns.Where(c => row.Raw(c) is null))
        {
            throw new BadAnswerException($"{rule.Id}: row {number} of {rule.Table} (record {Show(key)}) has no {column}, a key column; " +
                "SYSPRO's answer was not believed.");
        }

        if (rule.StatusColumn is { } status && row.Raw(status) is null)
        {
            throw new BadAnswerException($"{rule.Id}: record {Show(key)} of {rule.Table} has no {status}, the status column; " +
                "SYSPRO's answer was not believed.");
        }

        return key;
    }

    /// <summary>What happens to remembered records this read did not return: tombstoned, counted, or forgotten.</summary>
    private static (List<string> Removals, int NewlyMissing) Missing(RuleDefinition rule, RuleState state, HashSet<string> seen,
        string? watermark, DateTimeOffset now, List<SnapshotEntry> upserts)
    {
        var removals = new List<string>();
        var newlyMissing = 0;
        if (rule.Watermark == WatermarkKind.RowVersion)
        {
            return (removals, 0); // a rowversion read returns changed rows only: absence says nothing
        }

        var bound = rule.Watermark == WatermarkKind.Date ? DateLowerBound(rule, watermark) : null;
        foreach (var entry in state.Snapshot.Values.Where(e => !seen.Contains(e.RecordKey)))
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

    private static string Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Show(string key) => key.Length > 0 && (key[0] == ' ' || key[^1] == ' ') ? $"'{key}'" : key;

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

        if (kind == WatermarkKind.RowVersion)
        {
            return RowVersion.TryParse(candidate, out _)
                ? RowVersion.Later(current, candidate)
                : throw new BadAnswerException($"a {kind} watermark value '{candidate}' is not a rowversion; SYSPRO's answer was not believed.");
        }

        return string.CompareOrdinal(candidate, current) > 0 ? candidate : current;
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
