using Microsoft.Extensions.DependencyInjection;
using MlConnector.Detection;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Requests;
using MlConnector.Syspro;

namespace MlConnector.IntegrationTests.SysproSide;

public sealed class SysproSourceTests
{
    private static readonly SourceQuery AllPurchaseOrders = new("PorMasterHdr", ["PurchaseOrder", "OrderStatus"], [], ["PurchaseOrder"]);

    private static async Task<List<SourceRow>> ReadAllAsync(SysproSideHarness harness, SysproTransport transport, SourceQuery query)
    {
        var rows = new List<SourceRow>();
        await foreach (var row in harness.App.Services.GetRequiredService<SysproSources>().For(transport)
            .ReadAsync(query, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task OData_TwentyThousandRows_FollowsNextLinkThroughTheServerCap()
    {
        // Asking for more than the server's 5000-row cap makes it page with @odata.nextLink.
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, purchaseOrders: 20_000,
            settings: new Dictionary<string, string?> { ["Syspro:OData:PageSize"] = "10000" });

        var rows = await ReadAllAsync(harness, SysproTransport.OData, AllPurchaseOrders);

        Assert.True(rows.Count >= 20_000);
        Assert.Equal(rows.Count, rows.Select(r => r["PurchaseOrder"]).Distinct().Count());
    }

    [Fact]
    public async Task OData_PagesCappedWithoutLink_PagesByKey()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, purchaseOrders: 20_000,
            simulator: o => o.ODataPagesWithoutNextLink = true,
            settings: new Dictionary<string, string?> { ["Syspro:OData:PageSize"] = "10000" });

        var rows = await ReadAllAsync(harness, SysproTransport.OData, AllPurchaseOrders);

        Assert.True(rows.Count >= 20_000);
        Assert.Equal(rows.Count, rows.Select(r => r["PurchaseOrder"]).Distinct().Count());
    }

    [Fact]
    public async Task OData_PagesCappedWithoutLink_ARowLeavingDuringTheRead_NoOtherRowIsMissed()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, purchaseOrders: 2000,
            simulator: o =>
            {
                o.ODataPagesWithoutNextLink = true;
                o.ODataPageSize = 10;
            });
        var data = harness.Simulator.Data;
        var ready = data.PurchaseOrdersInStatus("1").Select(p => p.PurchaseOrder).Order(StringComparer.Ordinal).ToList();
        Assert.True(ready.Count > 25, "the read spans several pages");
        var leaving = ready[2];
        harness.Simulator.PagingHooks.Add(new PagingHook("PorMasterHdr", 1, [leaving], new Dictionary<string, string?> { ["OrderStatus"] = "4" }));
        var query = new SourceQuery("PorMasterHdr", ["PurchaseOrder", "OrderStatus"],
            [new FilterCondition("OrderStatus", FilterOperator.Eq, ["1"])], ["PurchaseOrder"]);

        var read = (await ReadAllAsync(harness, SysproTransport.OData, query)).Select(r => r.Raw("PurchaseOrder")).ToList();

        Assert.Empty(ready.Where(k => k != leaving).Except(read));
        Assert.Equal(read.Count, read.Distinct().Count());
    }

    [Fact]
    public async Task Enet_TwentyThousandRows_ReadWholeWithKeysetPaging()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.Enet, purchaseOrders: 20_000);

        var rows = await ReadAllAsync(harness, SysproTransport.Enet, AllPurchaseOrders);

        Assert.True(rows.Count >= 20_000);
        Assert.Equal(rows.Count, rows.Select(r => r["PurchaseOrder"]).Distinct().Count());
        Assert.Equal(1, harness.Simulator.LogonCount);
    }

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task Filter_SupplierNameWithApostropheAndAmpersand_FindsIt(SysproTransport transport)
    {
        await using var harness = await SysproSideHarness.StartAsync(transport);
        var query = new SourceQuery("ApSupplier", ["Supplier", "SupplierName"],
            [new FilterCondition("SupplierName", FilterOperator.Eq, ["O'Brien & Sons"])], ["Supplier"]);

        var rows = await ReadAllAsync(harness, transport, query);

        Assert.Equal("O'Brien & Sons", Assert.Single(rows)["SupplierName"]);
    }

    [Fact]
    public async Task Enet_SimulatedHourWithTwoMinuteIdleTimeout_LogsOnOnceRecoversAndLeavesNoSession()
    {
        var harness = await SysproSideHarness.StartAsync(SysproTransport.Enet,
            simulator: o => o.IdleTimeout = TimeSpan.FromMinutes(2),
            settings: new Dictionary<string, string?>
            {
                ["Syspro:Enet:IdleTimeout"] = "00:02:00",
                ["Syspro:Enet:RefreshMargin"] = "00:00:30",
            });
        var session = harness.App.Services.GetRequiredService<EnetSession>();
        try
        {
            await harness.PollAsync(RulePresets.PoSubmitted);
            for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(1); elapsed += TimeSpan.FromSeconds(10))
            {
                harness.Time.Advance(TimeSpan.FromSeconds(10));
                await session.RefreshIfDueAsync(TestContext.Current.CancellationToken);
                if (elapsed.TotalSeconds % 300 == 0)
                {
                    await harness.PollAsync(RulePresets.PoSubmitted);
                }
            }

            Assert.Equal(1, harness.Simulator.LogonCount);

            harness.Simulator.Faults.ExpireSessions();
            await harness.PollAsync(RulePresets.PoSubmitted);

            Assert.Equal(2, harness.Simulator.LogonCount);
            Assert.Equal(1, harness.Simulator.OpenSessions);
        }
        finally
        {
            await harness.DisposeAsync();
        }

        Assert.Equal(0, harness.Simulator.OpenSessions);
    }

    [Fact]
    public async Task Enet_WrongPassword_StopsTheSourceAndSaysWhy()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.Enet,
            settings: new Dictionary<string, string?> { ["Syspro:Enet:OperatorPassword"] = "wrong" });

        var first = await harness.Poller.PollAsync(harness.Rule(RulePresets.PoSubmitted), TestContext.Current.CancellationToken);
        var second = await harness.Poller.PollAsync(harness.Rule(RulePresets.PoSubmitted), TestContext.Current.CancellationToken);

        Assert.Contains("Invalid operator password", first.Error, StringComparison.Ordinal);
        Assert.Contains("stopped", second.Error, StringComparison.Ordinal);
        Assert.False(harness.App.Services.GetRequiredService<EnetSession>().IsLoggedOn);
    }
}
