using MlConnector.Detection;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Tests.Detection;

public sealed class ChangeDetectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static readonly RuleDefinition PoSubmitted = Rule("po-submitted", "*->1", WatermarkKind.None);

    private static RuleDefinition Rule(string id, string transition, WatermarkKind watermark, string? markColumn = null, TimeSpan? backfill = null)
    {
        Assert.True(TransitionSpec.TryParse(transition, out var spec));
        return TestRules.PoSubmitted with
        {
            Id = id,
            Description = id,
            Table = markColumn is null ? "PorMasterHdr" : "ApInvoice",
            KeyColumns = markColumn is null ? ["PurchaseOrder"] : ["Supplier", "Invoice"],
            StatusColumn = spec.IsNew ? null : "OrderStatus",
            Transitions = [spec],
            Watermark = watermark,
            WatermarkColumn = markColumn,
            Backfill = backfill,
        };
    }

    private static SourceRow Po(string number, string status, string supplier = "S1") =>
        new(new Dictionary<string, string?> { ["PurchaseOrder"] = number, ["OrderStatus"] = status, ["Supplier"] = supplier });

    private static SourceRow Invoice(string supplier, string invoice, string journalDate) =>
        new(new Dictionary<string, string?> { ["Supplier"] = supplier, ["Invoice"] = invoice, ["JournalDate"] = journalDate });

    private static RuleState Apply(RuleState state, DetectionResult result)
    {
        var snapshot = state.Snapshot.ToDictionary();
        foreach (var key in result.Removals)
        {
            snapshot.Remove(key);
        }

        foreach (var entry in result.Upserts)
        {
            snapshot[entry.RecordKey] = entry;
        }

        return new RuleState(result.Watermark, true, snapshot);
    }

    [Fact]
    public void Detect_FirstRun_BaselinesSilently()
    {
        var result = ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("  101", "1"), Po("  102", "0")], Now);

        Assert.Empty(result.Events);
        Assert.True(result.WasBaseline);
        Assert.Equal(2, result.Upserts.Count);
    }

    [Fact]
    public void Detect_StatusBecomesWatchedValue_GivesOneEventAndNoneOnRepoll()
    {
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("  101", "0")], Now));

        var submitted = ChangeDetector.Detect(PoSubmitted, state, [Po("  101", "1")], Now);
        state = Apply(state, submitted);
        var again = ChangeDetector.Detect(PoSubmitted, state, [Po("  101", "1")], Now);

        var e = Assert.Single(submitted.Events);
        Assert.Equal("  101", e.RecordKey); // verbatim, as SYSPRO gave it (design.md: SYSPRO keys are verbatim)
        Assert.Equal("0->1", e.TransitionText);
        Assert.Empty(again.Events);
        Assert.Empty(again.Upserts);
    }

    [Fact]
    public void Detect_NewRecordAlreadyInTargetStatus_FiresAnyToTransition()
    {
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("1", "0")], Now));

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "0"), Po("2", "1")], Now);

        Assert.Equal("2", Assert.Single(result.Events).RecordKey);
    }

    [Fact]
    public void Detect_OtherColumnChanges_GivesNoEventButUpdatesTheSnapshot()
    {
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("1", "1")], Now));

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1", supplier: "S2")], Now);

        Assert.Empty(result.Events);
        Assert.Single(result.Upserts);
    }

    [Fact]
    public void Detect_RecordLeavesTheWorkingSet_GivesNoEventAndIsForgottenAfterThreeReadsAndADay()
    {
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("1", "0"), Po("2", "4")], Now));

        var reads = new List<DetectionResult>();
        foreach (var at in new[] { Now, Now.AddHours(1), Now.AddHours(2), Now.AddDays(1) })
        {
            var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "0")], at);
            state = Apply(state, result);
            reads.Add(result);
        }

        Assert.All(reads, r => Assert.Empty(r.Events));
        // Missing from three complete reads, but not yet for a day: still remembered as it was.
        Assert.All(reads.Take(3), r => Assert.Empty(r.Removals));
        Assert.Equal(["2"], reads[3].Removals);
    }

    [Fact]
    public void Detect_RecordMissing_IsATombstoneWithItsLastStatus()
    {
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("1", "0"), Po("2", "4")], Now));

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "0")], Now);

        var tombstone = Assert.Single(result.Upserts);
        Assert.Equal(("2", "4", 1, Now), (tombstone.RecordKey, tombstone.Status, tombstone.MissingReads, tombstone.MissingSince));
        Assert.Equal((2, 1), (result.Remembered, result.Changed));
    }

    [Fact]
    public void Detect_RecordBackFromTombstoneInAnotherStatus_IsComparedWithItsLastStatus()
    {
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("1", "0"), Po("2", "0")], Now));
        state = Apply(state, ChangeDetector.Detect(PoSubmitted, state, [Po("2", "0")], Now));

        var back = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1"), Po("2", "0")], Now);

        var e = Assert.Single(back.Events);
        Assert.Equal(("1", "0->1"), (e.RecordKey, e.TransitionText));
        Assert.Equal(0, Assert.Single(back.Upserts).MissingReads);
    }

    [Fact]
    public void Detect_PaddedKeys_AreKeptVerbatimAndComparedOrdinally()
    {
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po(" 00001", "0"), Po("00001", "0")], Now));

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po(" 00001", "1"), Po("00001", "0")], Now);

        Assert.Equal(2, state.Snapshot.Count);
        Assert.Equal(" 00001", Assert.Single(result.Events).RecordKey);
    }

    [Fact]
    public void Detect_AStatusOutsideTheDomain_IsSkippedAndItsStateKept()
    {
        var rule = PoSubmitted with { Statuses = RuleCatalog.ParseStatuses("0,1,4,9,*") };
        var rows = Enumerable.Range(1, 20).Select(i => Po($"{i}", "0")).ToList();
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(rule, RuleState.Empty, rows, Now));

        var result = ChangeDetector.Detect(rule, state, [Po("1", "?"), .. rows.Skip(1)], Now);

        Assert.Equal(new SkippedRow("1", "?"), Assert.Single(result.Skipped));
        Assert.Empty(result.Events);
        Assert.Empty(result.Upserts);
    }

    [Fact]
    public void Detect_TooManyUnknownStatuses_FailsNamingRuleRecordAndValue()
    {
        var rule = PoSubmitted with { Statuses = RuleCatalog.ParseStatuses("0,1,4,9,*") };

        var error = Assert.Throws<BadAnswerException>(() =>
            ChangeDetector.Detect(rule, RuleState.Empty, [Po("100101", "?"), Po("100102", "?"), Po("100103", "1")], Now));

        Assert.Contains("po-submitted", error.Message, StringComparison.Ordinal);
        Assert.Contains("record 100101 has '?'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PurchaseOrder")]
    [InlineData("OrderStatus")]
    public void Detect_RowWithoutKeyOrStatus_FailsNamingTheColumn(string missing)
    {
        var row = new Dictionary<string, string?> { ["PurchaseOrder"] = "100101", ["OrderStatus"] = "1", ["Supplier"] = "S1" };
        row.Remove(missing);

        var error = Assert.Throws<BadAnswerException>(() => ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [new SourceRow(row)], Now));

        Assert.Contains($"has no {missing}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_FirstRunOfADateRule_StartsTheWatermarkAtToday()
    {
        var rule = Rule("invoice-posted", "new", WatermarkKind.Date, "JournalDate");

        var result = ChangeDetector.Detect(rule, RuleState.Empty, [Invoice("S1", "A", "2026-11-25")], Now);

        Assert.Equal("2026-11-26", result.Watermark);
        Assert.Equal(new DateOnly(2026, 11, 25), ChangeDetector.DateLowerBound(rule, result.Watermark));
    }

    [Fact]
    public void Detect_TransitionWithExplicitFrom_OnlyFiresFromThatValue()
    {
        var rule = Rule("approved-from-printed", "1->4", WatermarkKind.None);
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(rule, RuleState.Empty, [Po("1", "0"), Po("2", "1")], Now));

        var result = ChangeDetector.Detect(rule, state, [Po("1", "4"), Po("2", "4")], Now);

        Assert.Equal("2", Assert.Single(result.Events).RecordKey);
    }

    [Fact]
    public void Detect_DateWatermark_ReReadsTheLastDayWithoutRepeating()
    {
        var rule = Rule("invoice-posted", "new", WatermarkKind.Date, "JournalDate");
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(rule, RuleState.Empty, [Invoice("S1", "A", "2026-11-25")], Now));

        var day1 = ChangeDetector.Detect(rule, state, [Invoice("S1", "A", "2026-11-25"), Invoice("S2", "B", "2026-11-26")], Now);
        state = Apply(state, day1);
        var day2 = ChangeDetector.Detect(rule, state, [Invoice("S2", "B", "2026-11-26"), Invoice("S3", "C", "2026-11-27")], Now.AddDays(1));
        state = Apply(state, day2);

        Assert.Equal("S2|B", Assert.Single(day1.Events).RecordKey);
        Assert.Equal("S3|C", Assert.Single(day2.Events).RecordKey);
        Assert.Equal("2026-11-27", state.Watermark);
        Assert.Equal(new DateOnly(2026, 11, 26), ChangeDetector.DateLowerBound(rule, state.Watermark));
        // A's date fell out of the re-read window, so it is forgotten; B is still inside and kept.
        Assert.DoesNotContain("S1|A", state.Snapshot.Keys);
        Assert.Contains("S2|B", state.Snapshot.Keys);
    }

    [Fact]
    public void Detect_FirstRunWithBackfill_ReportsRecentRecordsOnly()
    {
        var rule = Rule("invoice-posted", "new", WatermarkKind.Date, "JournalDate", backfill: TimeSpan.FromDays(2));

        var result = ChangeDetector.Detect(rule, RuleState.Empty,
            [Invoice("S1", "old", "2026-11-01"), Invoice("S1", "recent", "2026-11-25")], Now);

        Assert.Equal("S1|recent", Assert.Single(result.Events).RecordKey);
    }

    [Fact]
    public void Detect_SameRecordTwiceInOneRead_CountsOnce()
    {
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("1", "0")], Now));

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1"), Po("1", "1")], Now);

        Assert.Single(result.Events);
    }

    [Theory]
    [InlineData("S1", "28cd05355c323a1a")]
    [InlineData(" Sü Å ", "366f49cd71e928e1")]
    public void Detect_SnapshotFromAnEarlierRelease_IsNotRewritten(string supplier, string stored)
    {
        // The stored form: the first 8 bytes of SHA-256 over "column=trimmed value\u001f" per column read, in hex
        // (computed apart from the connector, with Python's hashlib). A re-poll of the same record changes nothing.
        var state = new RuleState(null, true, new Dictionary<string, SnapshotEntry>
        {
            ["  101"] = new("  101", RowFingerprint.Parse(stored), "1", null),
        });

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("  101", "1", supplier)], Now);

        Assert.Empty(result.Upserts);
        Assert.Empty(result.Events);
        var fresh = ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("  101", "1", supplier)], Now).Upserts.Single();
        Assert.Equal(stored, RowFingerprint.ToText(fresh.Fingerprint)); // what a new record is stored as
    }

    [Fact]
    public void Detect_Resubmission_GetsAFreshFingerprint()
    {
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("1", "0")], Now));
        var first = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1")], Now);
        state = Apply(state, first);
        state = Apply(state, ChangeDetector.Detect(PoSubmitted, state, [Po("1", "0", supplier: "S9")], Now));

        var second = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1", supplier: "S9")], Now);

        Assert.NotEqual(Assert.Single(first.Events).Fingerprint, Assert.Single(second.Events).Fingerprint);
    }

    [Fact]
    public void Detect_RecordMissingFromOneReadThenBack_IsComparedWithItsLastStatusNotReportedAsNew()
    {
        var state = Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("1", "1"), Po("2", "0")], Now));

        var missing = ChangeDetector.Detect(PoSubmitted, state, [Po("2", "0")], Now.AddMinutes(5));
        state = Apply(state, missing);
        var back = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1"), Po("2", "0")], Now.AddMinutes(10));

        Assert.Empty(missing.Events);
        Assert.Empty(back.Events);
    }
}
