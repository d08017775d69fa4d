using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Detection;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

public sealed class SchedulingTests
{
    [Fact]
    public async Task Scheduler_EachRuleOnItsCadence_AFailingRuleDoesNotStopTheOthers()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: new Dictionary<string, string?>
        {
            ["Polling:Enabled"] = "true",
            ["Polling:StartJitter"] = "00:00:00",
            ["Rules:po-submitted:Cadence"] = "00:01:00",
            // Every poll reads the whole working set (rows > 0), as before reads by rowversion (RowVersionReadTests).
            ["Rules:po-submitted:FullReadEvery"] = "00:00:00",
            ["Rules:invoice-posted:Cadence"] = "00:05:00",
            ["Rules:po-approved:Enabled"] = "false",
            ["Rules:requisition-approved:Enabled"] = "false",
            ["Rules:broken:Table"] = "NoSuchTable",
            ["Rules:broken:KeyColumns:0"] = "Id",
            ["Rules:broken:Transitions:0"] = "new",
            ["Rules:broken:Template"] = "{{ Id }}",
            ["Rules:broken:Cadence"] = "00:01:00",
            ["Rules:broken:Recipients:Groups:0"] = "approvers",
        });
        var tracker = harness.App.Services.GetRequiredService<PollTracker>();
        var ct = TestContext.Current.CancellationToken;
        await Task.WhenAll(
            tracker.WaitForPollsAsync(RulePresets.PoSubmitted, 1, ct),
            tracker.WaitForPollsAsync(RulePresets.InvoicePosted, 1, ct),
            tracker.WaitForPollsAsync("broken", 1, ct)).WaitAsync(TimeSpan.FromSeconds(30), ct);

        for (var minute = 1; minute <= 10; minute++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAll(
                tracker.WaitForPollsAsync(RulePresets.PoSubmitted, 1 + minute, ct),
                tracker.WaitForPollsAsync("broken", 1 + minute, ct),
                tracker.WaitForPollsAsync(RulePresets.InvoicePosted, 1 + (minute / 5), ct)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        }

        Assert.Equal(11, tracker.CountOf(RulePresets.PoSubmitted));
        Assert.Equal(3, tracker.CountOf(RulePresets.InvoicePosted));
        Assert.Null(tracker.Last[RulePresets.PoSubmitted].Error);
        Assert.Contains("NoSuchTable", tracker.Last["broken"].Error, StringComparison.Ordinal);

        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(ct);
        var runs = (await connection.QueryAsync<(string Rule, long Rows, string? Error)>(
            "SELECT rule_id, rows_read, error FROM poll_runs")).ToList();
        Assert.Equal(11, runs.Count(r => r.Rule == "broken" && r.Error is not null));
        Assert.All(runs.Where(r => r.Rule == RulePresets.PoSubmitted), r => Assert.True(r.Rows > 0 && r.Error is null));
        var state = await connection.QuerySingleAsync<(long? LastPollAt, string? LastError)>(
            "SELECT last_poll_at, last_error FROM rule_state WHERE rule_id = 'broken'");
        Assert.Equal(harness.Time.GetUtcNow().ToStored(), state.LastPollAt);
        Assert.NotNull(state.LastError);
    }
}
