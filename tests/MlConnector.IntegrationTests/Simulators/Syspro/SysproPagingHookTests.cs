using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>Rows leaving or joining the working set between the page requests of one read (issue 12, seen 4).</summary>
public sealed class SysproPagingHookTests
{
    private const int PageSize = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SkipPaging_RowLeavesAfterFirstPage_SkipsTheRowThatShiftedIntoPageOne()
    {
        await using var sim = await StartAsync();
        var before = ReadyToPrint(sim);
        var leaving = before[2];
        var hook = await sim.ControlAsync<PagingHookState>(HttpMethod.Post, "paging-hooks",
            new PagingHook("PorMasterHdr", 1, [leaving], new Dictionary<string, string?> { ["OrderStatus"] = "4" }));
        Assert.False(hook.Applied);

        var read = new List<string>();
        for (var skip = 0; ; skip += PageSize)
        {
            var page = await KeysAsync(sim, $"PorMasterHdr?$select=PurchaseOrder&$filter=OrderStatus eq '1'&$orderby=PurchaseOrder&$skip={skip}");
            read.AddRange(page);
            if (page.Count < PageSize) break;
        }

        Assert.Contains(leaving, read);
        var stillReady = ReadyToPrint(sim);
        Assert.Equal([before[PageSize]], stillReady.Except(read));
        Assert.True(Assert.Single(sim.Simulator.PagingHooks.State()).Applied);
    }

    [Fact]
    public async Task KeysetPaging_RowLeavesAfterFirstPage_MissesNothing()
    {
        await using var sim = await StartAsync();
        var before = ReadyToPrint(sim);
        sim.Simulator.PagingHooks.Add(new PagingHook("PorMasterHdr", 1, [before[2]], new Dictionary<string, string?> { ["OrderStatus"] = "4" }));

        var read = new List<string>();
        while (true)
        {
            var after = read.Count == 0 ? "" : $" and PurchaseOrder gt '{read[^1]}'";
            var page = await KeysAsync(sim, $"PorMasterHdr?$select=PurchaseOrder&$filter=OrderStatus eq '1'{after}&$orderby=PurchaseOrder");
            if (page.Count == 0) break;
            read.AddRange(page);
        }

        Assert.Empty(ReadyToPrint(sim).Except(read));
        Assert.Equal(before, read);
    }

    [Fact]
    public async Task Comfnd_RowJoinsAfterFirstPage_IsReadByTheKeysetRead()
    {
        await using var sim = await StartAsync();
        var joining = sim.Simulator.Data.PurchaseOrdersInStatus("0").Last().PurchaseOrder;
        Assert.True(string.CompareOrdinal(joining, ReadyToPrint(sim)[PageSize - 1]) > 0, "the row joins beyond the first page");
        sim.Simulator.PagingHooks.Add(new PagingHook("PorMasterHdr", 1, [joining], new Dictionary<string, string?> { ["OrderStatus"] = "1" }));
        var userId = await sim.Enet.LogonUserIdAsync();
        var read = new List<string>();
        while (true)
        {
            var where = new List<(string, string, string)> { ("OrderStatus", "EQ", "1") };
            if (read.Count > 0) where.Add(("PurchaseOrder", "GT", read[^1]));
            var reply = await sim.Enet.QueryAsync(userId, "COMFND",
                EnetTestClient.Comfnd("PorMasterHdr", ["PurchaseOrder"], [.. where], orderBy: "PurchaseOrder", returnRows: PageSize));
            var rows = XDocument.Parse(reply.Text).Root!.Elements("Row").Select(r => r.Element("PurchaseOrder")!.Value).ToList();
            if (rows.Count == 0) break;
            read.AddRange(rows);
        }

        Assert.Contains(joining, read);
        Assert.Equal(ReadyToPrint(sim), read);
    }

    [Fact]
    public async Task ControlApi_PatchRow_SetsColumnsAndBumpsRowversion()
    {
        await using var sim = await StartAsync();
        var po = sim.Simulator.Data.PurchaseOrdersInStatus("0").First();
        var changed = await sim.ControlAsync<PorMasterHdr>(HttpMethod.Patch, "tables/PorMasterHdr",
            new { key = new[] { po.PurchaseOrder }, set = new Dictionary<string, string?> { ["OrderStatus"] = "?", ["OrderDueDate"] = null, ["PrintCount"] = "3" } });
        Assert.Equal(("?", null, 3), (changed.OrderStatus, changed.OrderDueDate, changed.PrintCount));
        Assert.Equal(sim.Simulator.Data.RowVersion, changed.TimeStamp);
        Assert.True(changed.TimeStamp > po.TimeStamp);

        Assert.Equal(HttpStatusCode.Conflict, await PatchStatusAsync(sim, "PorMasterHdr", po.PurchaseOrder, "PurchaseOrder", "X"));
        Assert.Equal(HttpStatusCode.Conflict, await PatchStatusAsync(sim, "PorMasterHdr", po.PurchaseOrder, "PrintCount", "many"));
        Assert.Equal(HttpStatusCode.NotFound, await PatchStatusAsync(sim, "PorMasterHdr", po.PurchaseOrder, "NoSuchColumn", "1"));
        Assert.Equal(HttpStatusCode.NotFound, await PatchStatusAsync(sim, "PorMasterHdr", "nope", "OrderStatus", "1"));
        Assert.Equal(HttpStatusCode.NotFound, await PatchStatusAsync(sim, "NoSuchTable", po.PurchaseOrder, "OrderStatus", "1"));
    }

    private static Task<SysproTestSimulator> StartAsync() => SysproTestSimulator.StartAsync(o =>
    {
        o.PurchaseOrders = 2000;
        o.ODataPageSize = PageSize;
        o.ODataPagesWithoutNextLink = true;
    });

    private static List<string> ReadyToPrint(SysproTestSimulator sim) =>
        [.. sim.Simulator.Data.PurchaseOrdersInStatus("1").Select(p => p.PurchaseOrder).Order(StringComparer.Ordinal)];

    private static async Task<List<string>> KeysAsync(SysproTestSimulator sim, string relative)
    {
        var (status, _, body) = await sim.ODataAsync(relative.Replace(" ", "%20", StringComparison.Ordinal));
        Assert.True(status == 200, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("PurchaseOrder").GetString()!)];
    }

    private static async Task<HttpStatusCode> PatchStatusAsync(SysproTestSimulator sim, string table, string key, string column, string value)
    {
        using var response = await sim.Http.PatchAsJsonAsync(new Uri(sim.Simulator.ControlAddress, $"tables/{table}"),
            new { key = new[] { key }, set = new Dictionary<string, string?> { [column] = value } }, Ct);
        return response.StatusCode;
    }
}
