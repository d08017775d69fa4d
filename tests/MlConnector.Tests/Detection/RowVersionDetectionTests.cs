using MlConnector.Detection;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Tests.Detection;

/// <summary>Detection over reads by rowversion (issue 14): reads of changes and whole reads ordered by TimeStamp.</summary>
public sealed class RowVersionDetectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly ReadPlan Whole = new("TimeStamp", Full: true);

    private static readonly ReadPlan Changes = new("TimeStamp", Full: false);

    private static readonly RuleDefinition PoSubmitted = TestRules.PoSubmitted with
    {
        Statuses = new HashSet<string>(["0", "1", "4", "9", "*"]),
        RowVersionColumn = "TimeStamp",
    };

    private static SourceRow Po(string number, string status, long timeStamp, string supplier = "S1") =>
        new(new Dictionary<string, string?>
        {
            ["PurchaseOrder"] = number, ["OrderStatus"] = status, ["Supplier"] = supplier, ["TimeStamp"] = $"{timeStamp}",
        });

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

        return new RuleState(result.Watermark, true, snapshot) { RowVersion = result.RowVersion, FullReadAt = result.FullRead ? Now : state.FullReadAt };
    }

    private static RuleState Baseline(params SourceRow[] rows) =>
        Apply(RuleState.Empty, ChangeDetector.Detect(PoSubmitted, RuleState.Empty, rows, Now, Whole));

    [Fact]
    public void ReadOfChanges_RecordsItDidNotReturn_AreNeitherMissingNorForgotten()
    {
        var state = Baseline(Po("1", "0", 10), Po("2", "1", 11));

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1", 20)], Now.AddMinutes(5), Changes);

        Assert.Equal("1", Assert.Single(result.Events).RecordKey);
        Assert.Empty(result.Removals);
        Assert.DoesNotContain(result.Upserts, u => u.RecordKey == "2");
        Assert.Equal(("20", false), (result.RowVersion, result.FullRead));
    }

    [Fact]
    public void ReadOfChanges_TextedTransition_IsNotTextedAgainByTheNextWholeRead()
    {
        var state = Baseline(Po("1", "0", 10), Po("2", "0", 11));
        state = Apply(state, ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1", 20)], Now, Changes));

        var whole = ChangeDetector.Detect(PoSubmitted, state, [Po("2", "0", 11), Po("1", "1", 20)], Now.AddHours(1), Whole);

        Assert.Empty(whole.Events);
        Assert.Empty(whole.Upserts);
    }

    [Fact]
    public void ReadOfChanges_NothingReturned_KeepsTheRowversion()
    {
        var state = Baseline(Po("1", "0", 10));

        var result = ChangeDetector.Detect(PoSubmitted, state, [], Now, Changes);

        Assert.Equal(("10", 0, 0), (result.RowVersion, result.Upserts.Count, result.Removals.Count));
    }

    [Fact]
    public void WholeRead_RecordMissing_IsATombstoneAndTheRowversionIsTheHighestRead()
    {
        var state = Baseline(Po("1", "0", 10), Po("2", "1", 30)) with { RowVersion = "30" };

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "0", 10)], Now, Whole);

        Assert.Equal(1, Assert.Single(result.Upserts, u => u.RecordKey == "2").MissingReads);
        Assert.Equal(("10", true), (result.RowVersion, result.FullRead)); // lower is safe: nothing in the working set is newer
    }

    [Fact]
    public void ReadOrderedByRowversion_RecordChangedBetweenPages_TheCopyWithTheHigherRowversionCounts()
    {
        var state = Baseline(Po("1", "0", 10), Po("2", "0", 11));

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "0", 10), Po("2", "0", 11), Po("1", "1", 40)], Now, Whole);

        var submitted = Assert.Single(result.Events);
        Assert.Equal(("1", "0", "1"), (submitted.RecordKey, submitted.From, submitted.To));
        Assert.Equal("40", result.RowVersion);
    }

    [Fact]
    public void WholeReadByRowversion_RecordComingTwice_TheLaterCopyReplacesWhatTheFirstProduced()
    {
        var state = Baseline(Po("1", "0", 10), Po("2", "0", 11));

        // Submitted (0 -> 1) while the first page was read, then approved (1 -> 4) before the last: the later copy is
        // judged against the snapshot's 0, so one event 0 -> 4 (no 0 -> 1) and one upsert with the later fingerprint.
        var result = ChangeDetector.Detect(PoSubmitted, state,
            [Po("1", "1", 20, supplier: "S2"), Po("2", "0", 21), Po("1", "4", 40, supplier: "S3")], Now.AddHours(1), Whole);

        var upsert = Assert.Single(result.Upserts);
        Assert.Equal(("1", "4"), (upsert.RecordKey, upsert.Status));
        Assert.Equal(ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("1", "4", 40, supplier: "S3")], Now).Upserts.Single().Fingerprint,
            upsert.Fingerprint);
        Assert.Equal(2, result.RowsRead);
        Assert.Equal(1, result.Changed);
        Assert.Equal("40", result.RowVersion);
        var submitted = ChangeDetector.Detect(PoSubmitted with { Transitions = [new TransitionSpec(null, "4", IsNew: false)] }, state,
            [Po("1", "1", 20), Po("2", "0", 21), Po("1", "4", 40)], Now.AddHours(1), Whole);
        var approved = Assert.Single(submitted.Events);
        Assert.Equal(("1", "0", "4"), (approved.RecordKey, approved.From, approved.To));
        Assert.Empty(result.Events); // po-submitted texts 0 -> 1 only, and the record is at 4 now
    }

    [Fact]
    public void WholeReadByRowversion_RecordChangedAndChangedBack_ProducesNothing()
    {
        var state = Baseline(Po("1", "0", 10), Po("2", "0", 11));

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1", 20), Po("2", "0", 21), Po("1", "0", 40)], Now.AddHours(1), Whole);

        Assert.Empty(result.Events);
        Assert.Empty(result.Upserts);
        Assert.Equal(0, result.Changed);
    }

    [Fact]
    public void WholeReadByRowversion_FirstCopyNotBelieved_TheLaterCopyCounts()
    {
        var state = Baseline(Po("1", "0", 10), Po("2", "0", 11));

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "S", 20), Po("2", "0", 21), Po("1", "1", 40)], Now.AddHours(1), Whole);

        Assert.Empty(result.Skipped);
        Assert.Equal(("1", "0", "1"), (result.Events.Single().RecordKey, result.Events.Single().From, result.Events.Single().To));
    }

    [Theory]
    [InlineData(20L, 30L, 25L)] // falls back
    [InlineData(20L, 20L, 30L)] // does not move
    public void WholeReadByRowversion_RowversionsNotRising_CannotBeReadByRowversion(long first, long second, long third)
    {
        var state = Baseline(Po("1", "0", 10), Po("2", "0", 11));

        var error = Assert.Throws<RowVersionUnreadableException>(() =>
            ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1", first), Po("2", "1", second), Po("3", "1", third)], Now, Whole));

        Assert.Contains($"has TimeStamp {(first == second ? second : third)}, not past {second}", error.Message, StringComparison.Ordinal);
        Assert.Contains("not the rows asked for in TimeStamp order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOfChanges_AnUnknownStatus_IsJudgedAgainstTheWorkingSet_NotTheFewRowsRead()
    {
        var state = Baseline([.. Enumerable.Range(1, 20).Select(i => Po($"{i}", "0", i))]);

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "S", 50)], Now, Changes);

        Assert.Equal("1", Assert.Single(result.Skipped).RecordKey);
        Assert.Throws<BadAnswerException>(() => ChangeDetector.Detect(PoSubmitted, state, [Po("1", "S", 50)], Now, Whole));
    }

    [Theory]
    [InlineData(20L, 30L, 25L)] // not in rowversion order
    [InlineData(5L, 30L, 40L)] // a read of changes returning a row not past the rule's rowversion (11)
    public void ReadOfChanges_NotTheRowsAskedFor_CannotBeReadByRowversion(long first, long second, long third)
    {
        var state = Baseline(Po("1", "0", 10), Po("2", "0", 11));

        var error = Assert.Throws<RowVersionUnreadableException>(() =>
            ChangeDetector.Detect(PoSubmitted, state, [Po("1", "1", first), Po("2", "1", second), Po("3", "1", third)], Now, Changes));

        Assert.Contains("not the rows asked for in TimeStamp order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ARowWithoutARowversion_CannotBeReadByIt()
    {
        var row = new SourceRow(new Dictionary<string, string?> { ["PurchaseOrder"] = "1", ["OrderStatus"] = "1", ["TimeStamp"] = "n/a" });

        var error = Assert.Throws<RowVersionUnreadableException>(() => ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [row], Now, Whole));

        Assert.Contains("TimeStamp 'n/a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_IsTheSameWhateverTheRowversion_SoAWholeReadAfterOtherColumnsChangedDoesNotUpsert()
    {
        var state = Baseline(Po("1", "0", 10));

        var result = ChangeDetector.Detect(PoSubmitted, state, [Po("1", "0", 99)], Now, Whole);

        Assert.Empty(result.Upserts);
        Assert.Equal(state.Snapshot["1"].Fingerprint,
            ChangeDetector.Detect(PoSubmitted, RuleState.Empty, [Po("1", "0", 10)], Now).Upserts.Single().Fingerprint);
    }
}
