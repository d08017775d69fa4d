using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Detection;
using MlConnector.Rules;

namespace MlConnector.Tests.Detection;

/// <summary>When a rule reads only its changes by rowversion, and when its whole working set.</summary>
public sealed class RowVersionReadsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeLogger<RowVersionReads> _logger = new();

    private readonly FakeTimeProvider _time = new(Now);

    private static RuleDefinition Rule(WatermarkKind watermark = WatermarkKind.None, TimeSpan? fullReadEvery = null) =>
        TestRules.PoSubmitted with
        {
            Columns = [],
            Watermark = watermark,
            WatermarkColumn = watermark == WatermarkKind.None ? null : "JournalDate",
            RowVersionColumn = watermark == WatermarkKind.None ? "TimeStamp" : null,
            FullReadEvery = fullReadEvery,
        };

    private static RuleState Read(TimeSpan ago) =>
        new(null, true, new Dictionary<string, SnapshotEntry>()) { RowVersion = "42", FullReadAt = Now - ago };

    private RowVersionReads Reads(TimeSpan? fullReadEvery = null) =>
        new(Options.Create(new PollingOptions { FullReadEvery = fullReadEvery ?? TimeSpan.FromHours(1) }), _time, _logger);

    [Fact]
    public void Plan_WithinTheHour_ReadsChanges_ThenTheWholeWorkingSet()
    {
        var reads = Reads();

        Assert.Equal(new ReadPlan("TimeStamp", Full: false), reads.Plan(Rule(), Read(TimeSpan.FromMinutes(59)), Now));
        Assert.Equal(new ReadPlan("TimeStamp", Full: true), reads.Plan(Rule(), Read(TimeSpan.FromMinutes(60)), Now));
    }

    [Fact]
    public void Plan_FirstPollOrNoRowversion_ReadsTheWholeWorkingSetByRowversion()
    {
        var reads = Reads();

        Assert.True(reads.Plan(Rule(), RuleState.Empty, Now).Full);
        Assert.True(reads.Plan(Rule(), Read(TimeSpan.Zero) with { RowVersion = null }, Now).Full);
        Assert.True(reads.Plan(Rule(), Read(TimeSpan.Zero) with { Baselined = false }, Now).Full);
    }

    [Fact]
    public void Plan_RuleSetsItsOwnFullReadEvery_ItWins()
    {
        var reads = Reads(TimeSpan.FromHours(1));

        Assert.True(reads.Plan(Rule(fullReadEvery: TimeSpan.FromMinutes(15)), Read(TimeSpan.FromMinutes(15)), Now).Full);
        Assert.Same(ReadPlan.WholeWorkingSet, reads.Plan(Rule(fullReadEvery: TimeSpan.Zero), Read(TimeSpan.Zero), Now));
        Assert.Same(ReadPlan.WholeWorkingSet, Reads(TimeSpan.Zero).Plan(Rule(), Read(TimeSpan.Zero), Now));
    }

    [Fact]
    public void Plan_DateWatermarkRule_IsNotReadByRowversion() =>
        Assert.Same(ReadPlan.WholeWorkingSet, Reads().Plan(Rule(WatermarkKind.Date), Read(TimeSpan.Zero), Now));

    [Fact]
    public void Refused_TheRuleReadsItsWholeWorkingSetForAnHour_SaidOnce_ThenTriesTheRowversionAgain()
    {
        var reads = Reads();

        reads.Refused(Rule(), "TimeStamp", "HTTP 400");
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Same(ReadPlan.WholeWorkingSet, reads.Plan(Rule(), Read(TimeSpan.Zero), Now));
        Assert.StartsWith("snapshot diff: the whole working set at every poll: SYSPRO refused a read by TimeStamp (HTTP 400)",
            reads.Describe(Rule(), RuleSchemaStatus.Unchecked), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("TimeStamp", reads.Plan(Rule(), Read(TimeSpan.Zero), Now).RowVersionColumn);
        reads.Refused(Rule(), "TimeStamp", "HTTP 400");
        Assert.Same(ReadPlan.WholeWorkingSet, reads.Plan(Rule(), Read(TimeSpan.Zero), Now));

        Assert.Equal(1, _logger.Collector.Count);
        Assert.Contains("SYSPRO refused to read PorMasterHdr by TimeStamp (HTTP 400)", _logger.LatestRecord.Message, StringComparison.Ordinal);
    }
}
