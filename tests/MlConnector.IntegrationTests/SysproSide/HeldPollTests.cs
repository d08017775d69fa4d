using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>
/// Held polls (issue 12): a burst of more than <c>HoldAbove</c> alerts from one poll is held, not sent; later polls join
/// the hold; an operator releases (each alert sent once) or discards (none sent) it, through the API or the CLI.
/// </summary>
public sealed class HeldPollTests
{
    // Two approvers get each submitted order's text: three orders at once make six alerts, more than 3.
    private static readonly Dictionary<string, string?> HoldAboveThree = new() { [$"Rules:{RulePresets.PoSubmitted}:HoldAbove"] = "3" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Burst_AboveHoldAbove_IsHeldUnhealthyJoinedByTheNextPoll_ThenReleasedThroughTheApiAndSentOnceEach(string store)
    {
        await using var database = await StoreDatabase.ForAsync(store);
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: HoldAboveThree, withTwilio: true,
            postgresConnectionString: database?.ConnectionString);
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };
        await harness.PollAsync(RulePresets.PoSubmitted);

        var burst = Submit(harness, 3);
        Assert.Equal(6, (await harness.PollAsync(RulePresets.PoSubmitted)).AlertsEnqueued);
        await harness.DriveStepsAsync(10);

        Assert.All(await harness.AlertsAsync(RulePresets.PoSubmitted), a => Assert.Equal("held", a.State));
        Assert.Empty(harness.Twilio!.Messages);
        var health = await ReadyAsync(http);
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        Assert.Contains($"rule {RulePresets.PoSubmitted}: 6 alert(s) held", health.GetProperty("description").GetString(), StringComparison.Ordinal);

        // A second, small burst while the hold exists joins it: the snapshot advanced, so nothing is detected twice.
        var second = Submit(harness, 1);
        Assert.Equal(2, (await harness.PollAsync(RulePresets.PoSubmitted)).AlertsEnqueued);
        var detail = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/rules/{RulePresets.PoSubmitted}", UriKind.Relative), Ct);
        Assert.Equal(8, detail.GetProperty("held").GetProperty("alerts").GetInt64());
        Assert.Equal(8, detail.GetProperty("rule").GetProperty("held").GetProperty("alerts").GetInt64());
        Assert.Equal(JsonValueKind.Null, (await http.GetFromJsonAsync<JsonElement>(
            new Uri($"/api/rules/{RulePresets.PoApproved}", UriKind.Relative), Ct)).GetProperty("held").ValueKind);

        var noReason = await http.PostAsJsonAsync(new Uri($"/api/rules/{RulePresets.PoSubmitted}/release", UriKind.Relative), new { reason = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("application/problem+json", noReason.Content.Headers.ContentType?.MediaType);
        var released = await http.PostAsJsonAsync(new Uri($"/api/rules/{RulePresets.PoSubmitted}/release", UriKind.Relative),
            new { reason = "checked in SYSPRO: a real month-end batch" }, Ct);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(8, (await released.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("alerts").GetInt32());

        await harness.DriveUntilAsync(async () => (await harness.AlertsAsync(RulePresets.PoSubmitted)).All(a => a.MessageSid is not null));
        Assert.Equal(0, (await harness.PollAsync(RulePresets.PoSubmitted)).AlertsEnqueued);
        await harness.DriveStepsAsync(10);
        var messages = harness.Twilio.Messages;
        Assert.Equal(8, messages.Count);
        Assert.All(burst.Concat(second), po => Assert.Equal(2, messages.Count(m => m.Body?.Contains($"PO {po.Trim()} ", StringComparison.Ordinal) == true)));
        Assert.Equal(8, await AuditCountAsync(harness, "released", "local", "checked in SYSPRO: a real month-end batch"));
        Assert.Equal("Healthy", (await ReadyAsync(http)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task HeldPoll_DiscardedThroughTheCli_SendsNothingAndAuditsWhoAndWhy()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: HoldAboveThree, withTwilio: true);
        await harness.PollAsync(RulePresets.PoSubmitted);
        Submit(harness, 2);
        Assert.Equal(4, (await harness.PollAsync(RulePresets.PoSubmitted)).AlertsEnqueued);

        var missingReason = await CliRunner.RunAsync(harness.Folder, harness.CliEnvironment, "rules", "discard", RulePresets.PoSubmitted);
        var shown = await CliRunner.RunAsync(harness.Folder, harness.CliEnvironment, "rules", "show", RulePresets.PoSubmitted);
        var discarded = await CliRunner.RunAsync(harness.Folder, harness.CliEnvironment, "rules", "discard", RulePresets.PoSubmitted,
            "--reason", "SYSPRO answered wrongly during the upgrade");
        var again = await CliRunner.RunAsync(harness.Folder, harness.CliEnvironment, "rules", "discard", RulePresets.PoSubmitted,
            "--reason", "twice");
        await harness.DriveStepsAsync(10);

        Assert.Equal(64, missingReason.ExitCode);
        Assert.Contains("--reason", missingReason.Error, StringComparison.Ordinal);
        Assert.Contains("held: 4 alert(s) since", shown.Output, StringComparison.Ordinal);
        Assert.True(discarded.ExitCode == 0, discarded.Output + discarded.Error);
        Assert.Contains("4 held alert(s) discarded; none is sent", discarded.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("has no held alerts", again.Error, StringComparison.Ordinal);
        Assert.All(await harness.AlertsAsync(RulePresets.PoSubmitted), a => Assert.Equal("discarded", a.State));
        Assert.Empty(harness.Twilio!.Messages);
        Assert.Equal(4, await AuditCountAsync(harness, "discarded", $"cli:{Environment.UserName}", "SYSPRO answered wrongly during the upgrade"));
    }

    [Fact]
    public async Task HeldPoll_ReleasedThroughTheCli_SendsEachOnce()
    {
        // The CLI releases on the real clock (due "now"), so the service's fake clock starts there too.
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: HoldAboveThree, withTwilio: true,
            time: TestClock.FromNow());
        await harness.PollAsync(RulePresets.PoSubmitted);
        Submit(harness, 2);
        await harness.PollAsync(RulePresets.PoSubmitted);
        var list = await CliRunner.RunAsync(harness.Folder, harness.CliEnvironment, "rules", "list");

        var released = await CliRunner.RunAsync(harness.Folder, harness.CliEnvironment, "rules", "release", RulePresets.PoSubmitted,
            "--reason", "a real batch");
        await harness.DriveUntilAsync(async () => (await harness.AlertsAsync(RulePresets.PoSubmitted)).All(a => a.MessageSid is not null));
        await harness.DriveStepsAsync(10);

        Assert.Matches($@"{RulePresets.PoSubmitted}\s+PorMasterHdr\s+\S+ \S+\s+4\s+held", list.Output);
        Assert.True(released.ExitCode == 0, released.Output + released.Error);
        Assert.Equal(4, harness.Twilio!.Messages.Count);
        Assert.Equal(4, await AuditCountAsync(harness, "released", $"cli:{Environment.UserName}", "a real batch"));
    }

    [Fact]
    public async Task HeldPoll_KeepsOccurrenceKeysAndTombstones_AResubmissionJoinsTheHold_AMissingOrderIsNotHeldAgain()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: HoldAboveThree, purchaseOrders: 300);
        var data = harness.Simulator.Data;
        await harness.PollAsync(RulePresets.PoSubmitted);
        var orders = Submit(harness, 2);
        var (resubmitted, missingOnce) = (orders[0], orders[1]);
        Assert.Equal(4, (await harness.PollAsync(RulePresets.PoSubmitted)).AlertsEnqueued);

        // One order goes back to in process, the other leaves the working set for one read (a tombstone, not forgotten).
        data.UpdateRow("PorMasterHdr", [resubmitted], new Dictionary<string, string?> { ["OrderStatus"] = "0" });
        data.UpdateRow("PorMasterHdr", [missingOnce], new Dictionary<string, string?> { ["OrderStatus"] = "9" });
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var between = await harness.PollAsync(RulePresets.PoSubmitted);
        data.SubmitPurchaseOrder(resubmitted);
        data.UpdateRow("PorMasterHdr", [missingOnce], new Dictionary<string, string?> { ["OrderStatus"] = "1" });
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var after = await harness.PollAsync(RulePresets.PoSubmitted);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var reread = await harness.PollAsync(RulePresets.PoSubmitted);

        Assert.Equal([0, 2, 0], new[] { between, after, reread }.Select(p => p.AlertsEnqueued));
        var alerts = await harness.AlertsAsync(RulePresets.PoSubmitted);
        Assert.All(alerts, a => Assert.Equal("held", a.State));
        Assert.Equal(4, alerts.Count(a => a.SourceKey == resubmitted));
        Assert.Equal(2, alerts.Count(a => a.SourceKey == missingOnce));
    }

    [Fact]
    public async Task Burst_AtOrBelowHoldAbove_OrWithHoldingOff_IsQueuedAsBefore()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: new Dictionary<string, string?>
        {
            [$"Rules:{RulePresets.PoSubmitted}:HoldAbove"] = "4",
            [$"Rules:{RulePresets.PoApproved}:HoldAbove"] = "0",
        });
        await harness.PollAsync(RulePresets.PoSubmitted);
        await harness.PollAsync(RulePresets.PoApproved);
        var orders = Submit(harness, 2);
        await harness.PollAsync(RulePresets.PoSubmitted);
        foreach (var po in orders)
        {
            harness.Simulator.Data.ApprovePurchaseOrder(po);
        }

        foreach (var po in harness.Simulator.Data.PurchaseOrdersInStatus("1").Take(20).Select(p => p.PurchaseOrder).ToList())
        {
            harness.Simulator.Data.ApprovePurchaseOrder(po);
        }

        var approved = await harness.PollAsync(RulePresets.PoApproved);

        Assert.All(await harness.AlertsAsync(RulePresets.PoSubmitted), a => Assert.Equal("pending", a.State));
        Assert.True(approved.AlertsEnqueued > 4);
        Assert.All(await harness.AlertsAsync(RulePresets.PoApproved), a => Assert.Equal("pending", a.State));
    }

    private static List<string> Submit(SysproSideHarness harness, int count)
    {
        var orders = harness.Simulator.Data.PurchaseOrdersInStatus("0").Take(count).Select(p => p.PurchaseOrder).ToList();
        foreach (var po in orders)
        {
            harness.Simulator.Data.SubmitPurchaseOrder(po);
        }

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        return orders;
    }

    private static async Task<JsonElement> ReadyAsync(HttpClient http)
    {
        var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return report.RootElement.GetProperty("checks").GetProperty("syspro").Clone();
    }

    private static async Task<int> AuditCountAsync(SysproSideHarness harness, string kind, string actor, string reason)
    {
        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(Ct);
        var details = await connection.QueryAsync<string>(
            "SELECT detail FROM audit WHERE kind = @kind AND actor = @actor AND alert_id IS NOT NULL", new { kind, actor });
        return details.Count(d => JsonDocument.Parse(d).RootElement.GetProperty("reason").GetString() == reason);
    }
}
