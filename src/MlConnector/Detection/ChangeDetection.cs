using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>
/// One read's change detection, fed a row at a time as the pages arrive (<see cref="Add"/>), so a poll never holds
/// the rows it read, only what they change; <see cref="Finish"/> gives the result. The rules are
/// <see cref="ChangeDetector"/>'s. A read ordered by rowversion is detected as its pages arrive too: each row's
/// rowversion must rise past the one before (and, in a read of changes, past the rule's), or the read is not what was
/// asked (a proxy's stale page, a site that does not order or filter by it) and cannot be read by rowversion. A record
/// changed while the pages were read comes twice, the second time with a higher rowversion and its newer values: that
/// copy counts, and what the first produced (its upsert, event or skip) is taken back. The highest rowversion read is
/// where the rule's next read of changes starts.
/// </summary>
public sealed class ChangeDetection
{
    private readonly RuleDefinition _rule;
    private readonly RuleState _state;
    private readonly DateTimeOffset _now;
    private readonly ReadPlan _plan;
    private readonly IReadOnlyList<string> _columns;
    private readonly List<DetectedEvent> _events = [];
    private readonly List<SnapshotEntry?> _upserts = [];
    private readonly List<SkippedRow> _skipped = [];

    // An upsert keeps the shared status and watermark value, not its row's.
    private readonly SharedStrings _strings = new();

    // Every record read, with the index of its upsert in _upserts (NoUpsert: none), so the later copy of a record read
    // twice by rowversion can take back the first's.
    private readonly Dictionary<string, int> _seen;
    private readonly bool _baseline;
    private readonly DateOnly? _backfillFrom;
    private string? _watermark;
    private RowVersion? _highest;
    private int _count;
    private int _changed;

    private const int NoUpsert = -1;

    public ChangeDetection(RuleDefinition rule, RuleState state, DateTimeOffset now, ReadPlan? plan = null)
    {
        _rule = rule;
        _state = state;
        _now = now;
        _plan = plan ?? ReadPlan.WholeWorkingSet;
        _columns = rule.SelectedColumns; // computed once a read, not once a row
        _seen = new Dictionary<string, int>(state.Snapshot.Count, StringComparer.Ordinal); // a re-poll reads about what it remembers
        _baseline = !state.Baselined;
        _backfillFrom = _baseline && rule.Backfill is { } window ? DateOnly.FromDateTime((now - window).UtcDateTime) : null;
        _watermark = _baseline && rule.Watermark == WatermarkKind.Date ? ChangeDetector.Today(now) : state.Watermark;
    }

    /// <summary>How many rows were read so far.</summary>
    public int RowsRead { get; private set; }

    public void Add(SourceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        RowsRead++;
        if (_plan.RowVersionColumn is { } column)
        {
            CheckRowVersion(row, column);
        }

        Detect(row);
    }

    public DetectionResult Finish()
    {
        _upserts.RemoveAll(u => u is null); // the upserts taken back

        // A read of changes is judged against the working set it comes from, or one odd record would fail every poll.
        var remembered = _state.Remembered;
        var judged = _plan.ChangesOnly ? Math.Max(_count, remembered) : _count;
        if (_skipped.Count > _rule.MaxUnknownStatusShare * judged)
        {
            throw new BadAnswerException($"{_rule.Id}: {_skipped.Count} of {_count} rows of {_rule.Table} have a {_rule.StatusColumn} " +
                $"outside the rule's Statuses (e.g. record {ChangeDetector.Show(_skipped[0].RecordKey)} has '{_skipped[0].Status}'); " +
                "SYSPRO's answer was not believed.");
        }

        List<SnapshotEntry> upserts = _upserts!; // none taken back is left
        var (removals, missing) = _plan.ChangesOnly ? ([], 0) : ChangeDetector.Missing(_rule, _state, _seen, _watermark, _now, upserts);
        // A whole read (ordered by rowversion) restarts from what it saw; a read of changes moves on from the rule's.
        var rowVersion = _plan.RowVersionColumn is null ? null
            : _plan.Full ? _highest?.ToString() : RowVersion.Later(_state.RowVersion, _highest?.ToString());
        return new DetectionResult(_events, upserts, removals, _watermark, _baseline, _count)
        {
            Skipped = _skipped,
            Remembered = remembered,
            Changed = _changed + missing,
            RowVersion = rowVersion,
            FullRead = _plan.Full,
            ChangesState = _baseline || _plan.Full || upserts.Count > 0 || removals.Count > 0
                || _watermark != _state.Watermark || rowVersion != _state.RowVersion,
        };
    }

    private void Detect(SourceRow row)
    {
        _count++;
        var key = ChangeDetector.KeyOf(_rule, row, _count);
        _state.Snapshot.TryGetValue(key, out var previous);
        key = previous?.RecordKey ?? key; // the snapshot's own string for a known record: the row's goes with the row
        if (!_seen.TryAdd(key, NoUpsert))
        {
            if (_plan.RowVersionColumn is null)
            {
                return; // the same record twice in one read (overlapping pages): the first copy counts
            }

            TakeBack(key, previous); // changed while the pages were read: this later copy counts
        }

        var status = _rule.StatusColumn is null ? null : Shared(row.Raw(_rule.StatusColumn));
        if (_rule.Statuses is { } domain && !domain.Contains(status!))
        {
            _skipped.Add(new SkippedRow(key, status)); // not believed; what the rule remembers of it stays as it was
            return;
        }

        var watermarkValue = _rule.WatermarkColumn is null ? null : Shared(row.Raw(_rule.WatermarkColumn));
        _watermark = ChangeDetector.Max(_rule.Watermark, _watermark, watermarkValue);
        var fingerprint = RowFingerprint.Compute(_columns, row);
        if (previous is { IsTombstone: false } && fingerprint == previous.Fingerprint)
        {
            return;
        }

        _seen[key] = _upserts.Count;
        _upserts.Add(new SnapshotEntry(key, fingerprint, status, watermarkValue));
        var isNew = previous is null;
        var statusChanged = !isNew && !string.Equals(previous!.Status, status, StringComparison.Ordinal);
        _changed += CountsAsChange(previous, status) ? 1 : 0;
        if (_baseline && !(isNew && _backfillFrom is { } from && ChangeDetector.IsOnOrAfter(watermarkValue, from)))
        {
            return;
        }

        if (!isNew && !statusChanged)
        {
            return; // other columns changed (or it came back as it was); the status did not
        }

        var transition = _rule.Transitions.FirstOrDefault(t => t.Matches(previous?.Status, status, isNew));
        if (transition is not null)
        {
            _events.Add(new DetectedEvent(key, row, previous?.Status, status, transition, RowFingerprint.ToText(fingerprint)));
        }
    }

    // The value trimmed (as row[column] gives it), one string per distinct value.
    private string? Shared(string? raw) => raw is null ? null : _strings.Of(raw.AsSpan().Trim(), raw);

    // Rowversions rise through a read (each row past the one before it, the first of a read of changes past the rule's).
    private void CheckRowVersion(SourceRow row, string column)
    {
        var after = _plan.Full ? null : _state.RowVersion;
        if (!RowVersion.TryParse(row.Raw(column), out var version))
        {
            throw new RowVersionUnreadableException($"record {row.KeyOf(_rule.KeyColumns)} of {_rule.Table} has {column} " +
                $"'{row.Raw(column) ?? "(none)"}', which is not a rowversion.");
        }

        ulong? floor = _highest?.Value ?? (RowVersion.TryParse(after, out var start) ? start.Value : null);
        if (floor is { } bound && version.Value <= bound)
        {
            throw new RowVersionUnreadableException($"record {row.KeyOf(_rule.KeyColumns)} of {_rule.Table} has {column} {version}, " +
                $"not past {_highest?.ToString() ?? after}: the answer is not the rows asked for in {column} order.");
        }

        _highest = version;
    }

    // A remembered record (not a tombstone) whose status is now another: counted in Changed, and taken back with it.
    private static bool CountsAsChange(SnapshotEntry? previous, string? status) =>
        previous is { IsTombstone: false } && !string.Equals(previous.Status, status, StringComparison.Ordinal);

    // What the first copy of a record read twice produced is taken back: its upsert, its event, its skip, its count.
    // The later copy is then judged against the stored snapshot, as if the first had not been read.
    private void TakeBack(string key, SnapshotEntry? previous)
    {
        _count--;
        if (_seen[key] is var index and not NoUpsert)
        {
            var first = _upserts[index]!;
            _changed -= CountsAsChange(previous, first.Status) ? 1 : 0;
            _upserts[index] = null;
            _seen[key] = NoUpsert;
        }

        _events.RemoveAll(e => string.Equals(e.RecordKey, key, StringComparison.Ordinal));
        _skipped.RemoveAll(s => string.Equals(s.RecordKey, key, StringComparison.Ordinal));
    }
}
