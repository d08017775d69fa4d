using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>
/// One read's change detection, fed a row at a time as the pages arrive (<see cref="Add"/>), so a poll never holds
/// the rows it read, only what they change; <see cref="Finish"/> gives the result. The rules are
/// <see cref="ChangeDetector"/>'s. A read by rowversion is buffered first: a record changed while the pages were read
/// comes twice, and only the later copy counts (<see cref="RowVersionRows"/>).
/// </summary>
public sealed class ChangeDetection
{
    private readonly RuleDefinition _rule;
    private readonly RuleState _state;
    private readonly DateTimeOffset _now;
    private readonly ReadPlan _plan;
    private readonly IReadOnlyList<string> _columns;
    private readonly List<SourceRow>? _byRowVersion;
    private readonly List<DetectedEvent> _events = [];
    private readonly List<SnapshotEntry> _upserts = [];
    private readonly List<SkippedRow> _skipped = [];
    private readonly HashSet<string> _seen;
    private readonly bool _baseline;
    private readonly DateOnly? _backfillFrom;
    private string? _watermark;
    private string? _highest;
    private int _count;
    private int _changed;

    public ChangeDetection(RuleDefinition rule, RuleState state, DateTimeOffset now, ReadPlan? plan = null)
    {
        _rule = rule;
        _state = state;
        _now = now;
        _plan = plan ?? ReadPlan.WholeWorkingSet;
        _columns = rule.SelectedColumns; // computed once a read, not once a row
        _byRowVersion = _plan.RowVersionColumn is null ? null : [];
        _seen = new HashSet<string>(state.Snapshot.Count, StringComparer.Ordinal); // a re-poll reads about what it remembers
        _baseline = !state.Baselined;
        _backfillFrom = _baseline && rule.Backfill is { } window ? DateOnly.FromDateTime((now - window).UtcDateTime) : null;
        _watermark = _baseline && rule.Watermark == WatermarkKind.Date ? ChangeDetector.Today(now) : state.Watermark;
    }

    /// <summary>How many rows were read so far.</summary>
    public int RowsRead { get; private set; }

    public void Add(SourceRow row)
    {
        RowsRead++;
        if (_byRowVersion is not null)
        {
            _byRowVersion.Add(row);
            return;
        }

        Detect(row);
    }

    public DetectionResult Finish()
    {
        if (_byRowVersion is not null)
        {
            var (rows, highest) = RowVersionRows.Latest(_rule, _plan.RowVersionColumn!, _byRowVersion, _plan.Full ? null : _state.RowVersion);
            _highest = highest;
            foreach (var row in rows)
            {
                Detect(row);
            }
        }

        // A read of changes is judged against the working set it comes from, or one odd record would fail every poll.
        var remembered = _state.Remembered;
        var judged = _plan.ChangesOnly ? Math.Max(_count, remembered) : _count;
        if (_skipped.Count > _rule.MaxUnknownStatusShare * judged)
        {
            throw new BadAnswerException($"{_rule.Id}: {_skipped.Count} of {_count} rows of {_rule.Table} have a {_rule.StatusColumn} " +
                $"outside the rule's Statuses (e.g. record {ChangeDetector.Show(_skipped[0].RecordKey)} has '{_skipped[0].Status}'); " +
                "SYSPRO's answer was not believed.");
        }

        var (removals, missing) = _plan.ChangesOnly ? ([], 0) : ChangeDetector.Missing(_rule, _state, _seen, _watermark, _now, _upserts);
        // A whole read (ordered by rowversion) restarts from what it saw; a read of changes moves on from the rule's.
        var rowVersion = _plan.RowVersionColumn is null ? null : _plan.Full ? _highest : RowVersion.Later(_state.RowVersion, _highest);
        return new DetectionResult(_events, _upserts, removals, _watermark, _baseline, _count)
        {
            Skipped = _skipped,
            Remembered = remembered,
            Changed = _changed + missing,
            RowVersion = rowVersion,
            FullRead = _plan.Full,
            ChangesState = _baseline || _plan.Full || _upserts.Count > 0 || removals.Count > 0
                || _watermark != _state.Watermark || rowVersion != _state.RowVersion,
        };
    }

    private void Detect(SourceRow row)
    {
        _count++;
        var key = ChangeDetector.KeyOf(_rule, row, _count);
        _state.Snapshot.TryGetValue(key, out var previous);
        key = previous?.RecordKey ?? key; // the snapshot's own string for a known record: the row's goes with the row
        if (!_seen.Add(key))
        {
            return; // the same record twice in one read (overlapping pages): the first copy counts
        }

        var status = _rule.StatusColumn is null ? null : row[_rule.StatusColumn];
        if (_rule.Statuses is { } domain && !domain.Contains(status!))
        {
            _skipped.Add(new SkippedRow(key, status)); // not believed; what the rule remembers of it stays as it was
            return;
        }

        var watermarkValue = _rule.WatermarkColumn is null ? null : row[_rule.WatermarkColumn];
        _watermark = ChangeDetector.Max(_rule.Watermark, _watermark, watermarkValue);
        Span<char> fingerprint = stackalloc char[RowFingerprint.Length];
        RowFingerprint.Compute(_columns, row, fingerprint);
        if (previous is { IsTombstone: false } && fingerprint.SequenceEqual(previous.Fingerprint))
        {
            return;
        }

        var text = new string(fingerprint);
        _upserts.Add(new SnapshotEntry(key, text, status, watermarkValue));
        var isNew = previous is null;
        var statusChanged = !isNew && !string.Equals(previous!.Status, status, StringComparison.Ordinal);
        _changed += statusChanged && !previous!.IsTombstone ? 1 : 0;
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
            _events.Add(new DetectedEvent(key, row, previous?.Status, status, transition, text));
        }
    }
}
