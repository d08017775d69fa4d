using System.Net.Http.Json;
using System.Text.Json;
using MlConnector.IntegrationTests.SysproSide.BadAnswers;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>
/// Change detection by rowversion (issue 14): a status rule reads only the rows of its working set whose TimeStamp
/// passed the last one it read, so an idle poll is one request returning no rows; its whole working set is still read
/// every Polling:FullReadEvery (an hour), which finds a row committed late with an older rowversion. Every transition
/// is texted once per recipient, whichever read saw it.
/// </summary>
public sealed class RowVersionReadTests
{
    private static readonly string[] StatusPresets =
        [RulePresets.PoSubmitted, RulePresets.PoApproved, RulePresets.PoCancelled, RulePresets.RequisitionApproved];

    private static readonly TimeSpan Cadence = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task IdlePoll_EachStatusPreset_IsOneRequestReturningNoRows(SysproTransport transport)
    {
        await using var harness = await StartAsync(transport);
        foreach (var rule in StatusPresets)
        {
            Assert.True((await harness.PollAsync(rule)).RowsRead > 0, $"{rule}: the first poll reads the whole working set");
        }

        foreach (var rule in StatusPresets)
        {
            harness.Time.Advance(Cadence);
            harness.Simulator.Requests.Reset();
            var poll = await harness.PollAsync(rule);

            Assert.Equal((rule, 1, 0, 0), (rule, Requests(harness), Rows(harness), poll.RowsRead));
        }
    }

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task Change_TextedWithinOneCadence_AndTheHourlyWholeReadDoesNotTextItAgain(SysproTransport transport)
    {
        await using var harness = await StartAsync(transport);
        var data = harness.Simulator.Data;
        await PollAllAsync(harness);
        var po = data.PurchaseOrdersInStatus("0").First().PurchaseOrder;
        var requisition = data.PendingRequisitions().First();

        data.SubmitPurchaseOrder(po);
        data.ApproveRequisition(requisition.Requisition, requisition.Line, "ALEX");
        await PollAllAsync(harness);
        Assert.Equal(2, (await harness.AlertsAsync(RulePresets.PoSubmitted)).Count);
        Assert.Single(await harness.AlertsAsync(RulePresets.RequisitionApproved));

        data.ApprovePurchaseOrder(po);
        await PollAllAsync(harness);
        Assert.Equal("1->4", Assert.Single(await harness.AlertsAsync(RulePresets.PoApproved)).Transition);

        // An hour after the first poll every rule reads its whole working set again: nothing more to text.
        harness.Time.Advance(TimeSpan.FromHours(1));
        foreach (var rule in StatusPresets)
        {
            Assert.True((await harness.PollAsync(rule)).RowsRead > 1, $"{rule}: the hourly read is of the whole working set");
        }

        Assert.Equal(2, (await harness.AlertsAsync(RulePresets.PoSubmitted)).Count);
        Assert.Single(await harness.AlertsAsync(RulePresets.PoApproved));
        Assert.Single(await harness.AlertsAsync(RulePresets.RequisitionApproved));
    }

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task LateCommit_OlderRowversionThanTheWatermark_TextedOnceByTheHourlyWholeRead(SysproTransport transport)
    {
        await using var harness = await StartAsync(transport);
        var data = harness.Simulator.Data;
        await harness.PollAsync(RulePresets.PoSubmitted);
        var (late, other) = (data.PurchaseOrdersInStatus("0").First().PurchaseOrder, data.PurchaseOrdersInStatus("0").Last().PurchaseOrder);

        // The late change takes its rowversion first, but commits only after the rule read the newer one.
        var pending = data.BeginChange("PorMasterHdr", [late], new Dictionary<string, string?> { ["OrderStatus"] = "1" });
        data.SubmitPurchaseOrder(other);
        harness.Time.Advance(Cadence);
        await harness.PollAsync(RulePresets.PoSubmitted);
        data.Commit(pending.Id);
        harness.Time.Advance(Cadence);
        harness.Simulator.Requests.Reset();
        await harness.PollAsync(RulePresets.PoSubmitted);
        Assert.Equal((1, 0), (Requests(harness), Rows(harness))); // a read of changes cannot see it
        Assert.DoesNotContain(await harness.AlertsAsync(RulePresets.PoSubmitted), a => a.SourceKey == late.Trim());

        for (var elapsed = Cadence * 2; elapsed < TimeSpan.FromHours(1); elapsed += Cadence)
        {
            harness.Time.Advance(Cadence);
            await harness.PollAsync(RulePresets.PoSubmitted);
        }

        harness.Time.Advance(Cadence);
        await harness.PollAsync(RulePresets.PoSubmitted);

        Assert.Equal(
            [(late.Trim(), SysproSideHarness.Approver), (late.Trim(), SysproSideHarness.Director),
                (other.Trim(), SysproSideHarness.Approver), (other.Trim(), SysproSideHarness.Director)],
            (await harness.AlertsAsync(RulePresets.PoSubmitted)).Select(a => (a.SourceKey, a.Phone)).Order());
    }

    [Theory]
    [InlineData(SysproTransport.OData, "sqlite")]
    [InlineData(SysproTransport.Enet, "sqlite")]
    [InlineData(SysproTransport.OData, "postgres")]
    [InlineData(SysproTransport.Enet, "postgres")]
    public async Task ChangesWhileStopped_TextedOnceAfterTheRestart_TheLateOneByTheWholeRead(SysproTransport transport, string store)
    {
        await using var database = await StoreDatabase.ForAsync(store);
        var first = await StartAsync(transport, database?.ConnectionString);
        try
        {
            var data = first.Simulator.Data;
            await first.PollAsync(RulePresets.PoSubmitted);
            var open = data.PurchaseOrdersInStatus("0").Select(p => p.PurchaseOrder).ToList();
            var (before, late, whileDown) = (open[0], open[1], open[2]);
            var pending = data.BeginChange("PorMasterHdr", [late], new Dictionary<string, string?> { ["OrderStatus"] = "1" });
            data.SubmitPurchaseOrder(before);
            first.Time.Advance(Cadence);
            await first.PollAsync(RulePresets.PoSubmitted);
            await first.StopAsync();

            // While no instance runs: an order is submitted, and the late change commits under its older rowversion.
            data.SubmitPurchaseOrder(whileDown);
            data.Commit(pending.Id);
            first.Time.Advance(TimeSpan.FromHours(2));

            await using var second = await StartAsync(transport, database?.ConnectionString, sharing: first);
            var restart = await second.PollAsync(RulePresets.PoSubmitted);
            second.Time.Advance(Cadence);
            var next = await second.PollAsync(RulePresets.PoSubmitted);

            Assert.True(restart.RowsRead > 3, "the first poll after two hours reads the whole working set");
            Assert.Equal((4, 0), (restart.AlertsEnqueued, next.AlertsEnqueued));
            var texted = (await second.AlertsAsync(RulePresets.PoSubmitted)).GroupBy(a => a.SourceKey).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(new Dictionary<string, int> { [before.Trim()] = 2, [late.Trim()] = 2, [whileDown.Trim()] = 2 }, texted);
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task RowChangedBetweenThePagesOfAWholeRead_TextedByThatRead(SysproTransport transport)
    {
        await using var harness = await StartAsync(transport, simulator: o =>
        {
            o.ODataPageSize = 25;
            o.ODataPagesWithoutNextLink = true;
        });
        var data = harness.Simulator.Data;
        await harness.PollAsync(RulePresets.PoCancelled);
        // The order of po-cancelled's working set with the oldest rowversion is on the first page of a read ordered by
        // rowversion; it is cancelled once that page has been read.
        var workingSet = data.PorMasterHdr.Snapshot().Where(p => p.OrderStatus is "0" or "1" or "4" or "*").ToList();
        var oldest = workingSet.Where(p => p.OrderStatus != "*").MinBy(p => p.TimeStamp)!;
        Assert.True(workingSet.Count(p => p.TimeStamp < oldest.TimeStamp) < 20, "the order is on the first page");
        Assert.True(workingSet.Count > 50, "a whole read takes several pages");
        harness.Simulator.PagingHooks.Add(new PagingHook("PorMasterHdr", 1, [oldest.PurchaseOrder],
            new Dictionary<string, string?> { ["OrderStatus"] = "*" }));

        harness.Time.Advance(TimeSpan.FromHours(1));
        var poll = await harness.PollAsync(RulePresets.PoCancelled);

        Assert.True(Assert.Single(harness.Simulator.PagingHooks.State()).Applied);
        Assert.Equal(1, poll.AlertsEnqueued);
        var cancelled = Assert.Single(await harness.AlertsAsync(RulePresets.PoCancelled));
        Assert.Equal((oldest.PurchaseOrder.Trim(), $"{oldest.OrderStatus}->*"), (cancelled.SourceKey, cancelled.Transition));
    }

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task BadAnswersToReadsOfChanges_NoFalseText_AndTheRealChangeTextedOnceWhenLifted(SysproTransport transport)
    {
        await using var harness = await StartAsync(transport);
        var data = harness.Simulator.Data;
        await harness.PollAsync(RulePresets.PoSubmitted);
        var po = data.PurchaseOrdersInStatus("0").First().PurchaseOrder;
        data.SubmitPurchaseOrder(po);

        // An empty answer looks like an idle poll; old rows (a proxy's stale page) are not the rows asked for.
        var files = transport == SysproTransport.OData
            ? new[] { SysproBadAnswerFile.ODataEmptyList, SysproBadAnswerFile.ODataUnknownStatus }
            : [SysproBadAnswerFile.EnetEmptyPorMasterHdr];
        foreach (var file in files)
        {
            file.ServeOn(harness.Simulator, requests: 2);
            for (var polls = 0; polls < 2 && harness.Simulator.BadAnswers.State().Count > 0; polls++)
            {
                harness.Time.Advance(Cadence);
                var poll = await harness.Poller.PollAsync(harness.Rule(RulePresets.PoSubmitted), TestContext.Current.CancellationToken);
                Assert.Equal(0, poll.AlertsEnqueued);
            }

            Assert.Empty(harness.Simulator.BadAnswers.State());
        }

        harness.Time.Advance(Cadence);
        await harness.PollAsync(RulePresets.PoSubmitted);
        harness.Time.Advance(Cadence);
        await harness.PollAsync(RulePresets.PoSubmitted);

        var alerts = await harness.AlertsAsync(RulePresets.PoSubmitted);
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.Equal(po.Trim(), a.SourceKey));
    }

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task SiteWithoutTimeStamp_SnapshotDiffKeepsWorking_SaidOnce(SysproTransport transport)
    {
        await using var harness = await StartAsync(transport, simulator: o => o.HiddenColumns.Add("PorMasterHdr.TimeStamp"), captureLogs: true);
        var data = harness.Simulator.Data;
        await harness.PollAsync(RulePresets.PoSubmitted);
        var po = data.PurchaseOrdersInStatus("0").First().PurchaseOrder;

        data.SubmitPurchaseOrder(po);
        harness.Time.Advance(Cadence);
        var submitted = await harness.PollAsync(RulePresets.PoSubmitted);
        harness.Time.Advance(Cadence);
        var idle = await harness.PollAsync(RulePresets.PoSubmitted);

        Assert.Equal((2, 0), (submitted.AlertsEnqueued, idle.AlertsEnqueued));
        Assert.Equal(data.PorMasterHdr.Snapshot().Count(p => p.OrderStatus is "0" or "1" or "4"), idle.RowsRead);
        Assert.Single(harness.Logs, l => l.Contains("has no column TimeStamp; the rule reads its whole working set", StringComparison.Ordinal));
        Assert.StartsWith("snapshot diff: the whole working set at every poll: SYSPRO's PorMasterHdr has no column TimeStamp",
            await ChangeDetectionAsync(harness, RulePresets.PoSubmitted), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task SiteRefusingToFilterByTimeStamp_ReadsTheWholeWorkingSet_SaidOnce(SysproTransport transport)
    {
        await using var harness = await StartAsync(transport, simulator: o => o.UnfilterableColumns.Add("PorMasterHdr.TimeStamp"),
            captureLogs: true);
        var data = harness.Simulator.Data;
        Assert.True((await harness.PollAsync(RulePresets.PoSubmitted)).RowsRead > 0);
        var po = data.PurchaseOrdersInStatus("0").First().PurchaseOrder;

        data.SubmitPurchaseOrder(po);
        harness.Time.Advance(Cadence);
        var submitted = await harness.PollAsync(RulePresets.PoSubmitted);
        harness.Time.Advance(Cadence);
        harness.Simulator.Requests.Reset();
        var idle = await harness.PollAsync(RulePresets.PoSubmitted);

        Assert.Equal((2, 0), (submitted.AlertsEnqueued, idle.AlertsEnqueued));
        // The refused read is not tried again within the hour: one read of the whole working set (COMFND pages of 25 rows).
        Assert.Equal((transport == SysproTransport.Enet ? (idle.RowsRead / 25) + 1 : 1, idle.RowsRead), (Requests(harness), Rows(harness)));
        Assert.True(idle.RowsRead > 0);
        Assert.Single(harness.Logs, l => l.Contains("SYSPRO refused to read PorMasterHdr by TimeStamp", StringComparison.Ordinal));
        Assert.StartsWith("snapshot diff: the whole working set at every poll: SYSPRO refused a read by TimeStamp",
            await ChangeDetectionAsync(harness, RulePresets.PoSubmitted), StringComparison.Ordinal);
    }

    private static Task<SysproSideHarness> StartAsync(SysproTransport transport, string? postgres = null, SysproSideHarness? sharing = null,
        Action<SysproSimulatorOptions>? simulator = null, bool captureLogs = false) =>
        SysproSideHarness.StartAsync(transport, simulator, new Dictionary<string, string?>
        {
            ["Rules:po-cancelled:Recipients:Groups:0"] = "procurement",
            ["Syspro:Enet:PageSize"] = "25",
        }, purchaseOrders: 300, captureLogs: captureLogs, postgresConnectionString: postgres, sharing: sharing);

    private static async Task PollAllAsync(SysproSideHarness harness)
    {
        harness.Time.Advance(Cadence);
        foreach (var rule in StatusPresets)
        {
            await harness.PollAsync(rule);
        }
    }

    private static int Requests(SysproSideHarness harness) =>
        harness.Simulator.Requests.Snapshot() is var c ? c.OData.Requests + c.Enet.Requests : 0;

    private static int Rows(SysproSideHarness harness) =>
        harness.Simulator.Requests.Snapshot() is var c ? c.OData.Rows + c.Enet.Rows : 0;

    private static async Task<string> ChangeDetectionAsync(SysproSideHarness harness, string rule)
    {
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };
        var rules = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/rules", UriKind.Relative), TestContext.Current.CancellationToken);
        var page = await http.GetStringAsync(new Uri("/rules", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = rules.EnumerateArray().Single(r => r.GetProperty("id").GetString() == rule).GetProperty("changeDetection").GetString()!;
        Assert.Contains($"<td id=\"changes-{rule}\">{text[..text.IndexOf(':', StringComparison.Ordinal)]}", page, StringComparison.Ordinal);
        return text;
    }
}
