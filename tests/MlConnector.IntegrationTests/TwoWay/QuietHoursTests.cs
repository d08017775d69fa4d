using MlConnector.Alerts;
using MlConnector.Rules;

namespace MlConnector.IntegrationTests.TwoWay;

/// <summary>Quiet hours on the person's own clock (issue 16). The clock starts at 09:00 UTC, 03:00 in Chicago: the
/// buyer's quiet hours (22:00-07:00 in Chicago) end at 13:00 UTC.</summary>
public sealed class QuietHoursTests
{
    private static readonly (string, string)[] BuyerQuietInChicago =
    [
        ("Directory:People:buyer:QuietHours", "22:00-07:00"),
        ("Directory:People:buyer:TimeZone", "America/Chicago"),
    ];

    private static readonly DateTimeOffset QuietEnds = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TextsInQuietHours_AreHeld_AndSentAsOneDigestWhenTheHoursEndOnThePersonsClock()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, BuyerQuietInChicago);
        var first = await h.ApprovePurchaseOrderAsync(until: AlertStates.Quiet);
        var second = await h.ApprovePurchaseOrderAsync(until: AlertStates.Quiet);
        Assert.Empty(h.TextsTo(TwoWayHarness.Buyer));

        await h.AdvanceToAsync(QuietEnds.AddMinutes(-2));
        Assert.Empty(h.TextsTo(TwoWayHarness.Buyer));
        await h.AdvanceToAsync(QuietEnds.AddMinutes(1));
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 1);

        var digest = Assert.Single(h.TextsTo(TwoWayHarness.Buyer));
        Assert.StartsWith($"2 alerts overnight: 1) PO {first.SourceKey.Trim()} approved", digest, StringComparison.Ordinal);
        Assert.Contains($" 2) PO {second.SourceKey.Trim()} approved", digest, StringComparison.Ordinal);
        var states = (await h.Side.AlertsAsync(RulePresets.PoApproved)).Select(a => a.State).ToList();
        Assert.Equal([AlertStates.Digested, AlertStates.Digested], states);
        Assert.Contains(Audit.AuditKinds.Digested, await h.AuditKindsAsync(first.Id));
    }

    [Fact]
    public async Task AnUrgentRule_IgnoresQuietHours()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, [.. BuyerQuietInChicago, ($"Rules:{RulePresets.PoApproved}:Urgent", "true")]);

        await h.ApprovePurchaseOrderAsync();

        Assert.StartsWith("PO ", Assert.Single(h.TextsTo(TwoWayHarness.Buyer)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEscalationClock_WaitsForTheDigest_AndTheDigestKeepsTheReference()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, BuyerQuietInChicago,
            ("Escalate:After", "00:30:00"), ("Escalate:To:People:0", "backup"));
        await h.ApprovePurchaseOrderAsync(until: AlertStates.Quiet);

        await h.AdvanceToAsync(QuietEnds.AddMinutes(1));
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 1);
        var digest = Assert.Single(h.TextsTo(TwoWayHarness.Buyer));
        Assert.Matches(@"\(OK [A-HJ-NP-Z2-9]{4}\) Reply OK and the code to confirm\.$", digest);
        await h.AdvanceToAsync(QuietEnds.AddMinutes(29));
        Assert.Empty(h.TextsTo(TwoWayHarness.Backup));
        await h.AdvanceToAsync(QuietEnds.AddMinutes(32));
        await h.DriveUntilTextsAsync(TwoWayHarness.Backup, 1);

        Assert.Single(h.TextsTo(TwoWayHarness.Backup));
    }

    [Fact]
    public async Task ARestartDuringQuietHours_SendsTheDigestOnceAfterIt()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, BuyerQuietInChicago);
        await h.ApprovePurchaseOrderAsync(until: AlertStates.Quiet);

        await h.RestartAsync(crash: true, () => h.Side.Time.Advance(QuietEnds.AddMinutes(5) - h.Side.Time.GetUtcNow()));
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 1);
        await h.RestartAsync();
        await h.PassAsync(TimeSpan.FromMinutes(2));

        Assert.StartsWith("1 alert overnight: 1) PO ", Assert.Single(h.TextsTo(TwoWayHarness.Buyer)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonWhoSkipsARule_IsNotTextedByIt_AlthoughTheirGroupIs()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null,
            [("Directory:People:backup:Groups:1", "procurement"), ("Directory:People:buyer:SkipRules:0", RulePresets.PoApproved)]);

        await h.ApprovePurchaseOrderAsync();

        Assert.Empty(h.TextsTo(TwoWayHarness.Buyer));
        Assert.Single(h.TextsTo(TwoWayHarness.Backup));
    }
}
