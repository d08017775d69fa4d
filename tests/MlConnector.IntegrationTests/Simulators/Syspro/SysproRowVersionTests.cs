using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>The rowversion TimeStamp over both transports: filterable with gt, and late commits (issue 14).</summary>
public sealed class SysproRowVersionTests
{
    [Fact]
    public async Task OData_TimeStampGt_ReturnsOnlyRowsChangedSince()
    {
        await using var sim = await SysproTestSimulator.StartAsync();
        var since = sim.Simulator.Data.RowVersion;
        Assert.Empty(await KeysAsync(sim, since));

        var po = sim.Simulator.Data.PurchaseOrdersInStatus("0").First().PurchaseOrder;
        await sim.ControlAsync<PorMasterHdr>(HttpMethod.Post, $"purchase-orders/{po}/submit");
        Assert.Equal([(po, since + 1)], await KeysAsync(sim, since));
    }

    [Fact]
    public async Task Comfnd_TimeStampGt_ReturnsOnlyRowsChangedSinceAsAPaddedNumber()
    {
        await using var sim = await SysproTestSimulator.StartAsync();
        var since = sim.Simulator.Data.RowVersion;
        var po = sim.Simulator.Data.PurchaseOrdersInStatus("1").First().PurchaseOrder;
        sim.Simulator.Data.ApprovePurchaseOrder(po);

        var xml = await sim.ComfndAsync(EnetTestClient.Comfnd("PorMasterHdr", ["PurchaseOrder", "TimeStamp"],
            [("TimeStamp", "GT", since.ToString(CultureInfo.InvariantCulture))], orderBy: "TimeStamp"));
        var row = Assert.Single(XDocument.Parse(xml).Root!.Elements("Row"));
        Assert.Equal(po, row.Element("PurchaseOrder")!.Value);
        Assert.Equal((since + 1).ToString(CultureInfo.InvariantCulture).PadLeft(19), row.Element("TimeStamp")!.Value);
    }

    [Fact]
    public async Task ControlApi_LateCommit_AppearsAfterNewerRowsWithItsOlderRowversion()
    {
        await using var sim = await SysproTestSimulator.StartAsync();
        var data = sim.Simulator.Data;
        var since = data.RowVersion;
        var late = data.PurchaseOrdersInStatus("0").First().PurchaseOrder;
        var other = data.PurchaseOrdersInStatus("0").Last().PurchaseOrder;

        var pending = await sim.ControlAsync<PendingChange>(HttpMethod.Post, "transactions",
            new { table = "PorMasterHdr", key = new[] { late }, set = new Dictionary<string, string?> { ["OrderStatus"] = "1" } });
        await sim.ControlAsync<PorMasterHdr>(HttpMethod.Post, $"purchase-orders/{other}/submit");
        Assert.Equal([(other, since + 2)], await KeysAsync(sim, since));

        var committed = await sim.ControlAsync<PorMasterHdr>(HttpMethod.Post, $"transactions/{pending.Id}/commit");
        Assert.Equal(("1", since + 1), (committed.OrderStatus, committed.TimeStamp));
        Assert.Empty(await KeysAsync(sim, since + 2));
        Assert.Equal([(late, since + 1), (other, since + 2)], await KeysAsync(sim, since));
    }

    private static async Task<List<(string, long)>> KeysAsync(SysproTestSimulator sim, long since)
    {
        var (status, _, body) = await sim.ODataAsync("PorMasterHdr?$select=PurchaseOrder,TimeStamp&$orderby=TimeStamp&$filter="
            + Uri.EscapeDataString($"TimeStamp gt {since}"));
        Assert.True(status == 200, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray()
            .Select(r => (r.GetProperty("PurchaseOrder").GetString()!, r.GetProperty("TimeStamp").GetInt64()))];
    }
}
