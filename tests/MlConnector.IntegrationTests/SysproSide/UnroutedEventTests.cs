using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlConnector.Detection;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>An event whose recipients resolve to nobody is a record: stored once in the poll's transaction, listed by
/// the API, shown on the dashboard and counted in /metrics.</summary>
public sealed class UnroutedEventTests
{
    private const string Rule = "po-approved-by-buyer";

    private static Dictionary<string, string?> RoutedByBuyer() => new()
    {
        [$"Rules:{Rule}:Preset"] = RulePresets.PoApproved,
        [$"Rules:{Rule}:Recipients:RouteBy:0"] = "Buyer",
        // A route for a code no purchase order carries: every approval of this rule finds nobody.
        ["Directory:Routes:Buyer:NO-SUCH-BUYER"] = "buyer",
    };

    [Theory]
    [InlineData(SysproTransport.OData, "sqlite")]
    [InlineData(SysproTransport.Enet, "postgres")]
    public async Task Poll_BuyerCodeWithoutRoute_RecordedOnceListedShownAndCounted(SysproTransport transport, string store)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await StoreDatabase.ForAsync(store);
        await using var harness = await SysproSideHarness.StartAsync(transport, settings: RoutedByBuyer(), purchaseOrders: 200,
            postgresConnectionString: database?.ConnectionString);
        await harness.PollAsync(Rule);
        var po = harness.Simulator.Data.PurchaseOrdersInStatus("0").First(p => !string.IsNullOrWhiteSpace(p.Buyer));
        harness.Simulator.Data.SubmitPurchaseOrder(po.PurchaseOrder);
        harness.Simulator.Data.ApprovePurchaseOrder(po.PurchaseOrder);
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        var first = await harness.PollAsync(Rule);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await harness.PollAsync(Rule);
        await harness.App.Services.GetServices<IHostedService>().OfType<Telemetry.MetricsSampler>().Single().SampleAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };
        var listed = await http.GetFromJsonAsync<List<UnroutedEvent>>($"/api/unrouted?rule={Rule}", ct);
        var overview = await http.GetStringAsync("/", ct);
        var metrics = await http.GetStringAsync("/metrics", ct);
        var stored = await CountAsync(harness);

        Assert.Equal((0, 0), (first.AlertsEnqueued, again.AlertsEnqueued));
        Assert.Empty(await harness.AlertsAsync(Rule));
        Assert.Equal(1, stored);
        var unrouted = Assert.Single(listed!);
        var reason = $"RouteBy Buyer: '{po.Buyer.Trim()}' has no entry in Directory:Routes:Buyer";
        Assert.Equal((Rule, "default", "PorMasterHdr", po.PurchaseOrder.Trim(), "0->4", reason),
            (unrouted.RuleId, unrouted.Company, unrouted.SourceTable, unrouted.RecordKey, unrouted.Transition, unrouted.Reason));
        Assert.Equal(harness.Time.GetUtcNow() - TimeSpan.FromMinutes(5), unrouted.DetectedAt);
        Assert.Contains("Texted nobody", overview, StringComparison.Ordinal);
        Assert.Contains(reason, System.Net.WebUtility.HtmlDecode(overview), StringComparison.Ordinal);
        Assert.Matches(@"mlc_events_unrouted_total(\{[^}]*\})? 1(\s|$)", metrics);
    }

    [Fact]
    public async Task Preview_RuleRoutedByAMissingCode_SaysWhoWouldGetNothingAndWhy()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: RoutedByBuyer(), purchaseOrders: 200);

        var preview = await harness.Poller.PreviewAsync(harness.Rule(Rule), TimeSpan.FromDays(1), 3,
            TestContext.Current.CancellationToken);

        Assert.True(preview.Events > 0);
        Assert.Empty(preview.Texts);
        Assert.Equal(Math.Min(3, preview.Events), preview.Unrouted.Count);
        Assert.All(preview.Unrouted, u =>
        {
            var buyer = harness.Simulator.Data.FindPurchaseOrder(u.RecordKey)!.Buyer.Trim();
            Assert.Equal(buyer.Length == 0 ? "RouteBy Buyer: the record has no Buyer"
                : $"RouteBy Buyer: '{buyer}' has no entry in Directory:Routes:Buyer", u.Reason);
        });
        Assert.Equal(0L, await CountAsync(harness));
    }

    private static async Task<long> CountAsync(SysproSideHarness harness)
    {
        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM unrouted_events");
    }
}
