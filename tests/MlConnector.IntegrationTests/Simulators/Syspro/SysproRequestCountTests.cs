using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>Requests and rows per transport and target since a reset (issue 14: an idle poll is one empty request).</summary>
public sealed class SysproRequestCountTests
{
    [Fact]
    public async Task OData_IdleQuery_CountsOneRequestAndNoRows()
    {
        await using var sim = await SysproTestSimulator.StartAsync();
        await sim.ODataAsync("PorMasterHdr?$top=3");
        await sim.ControlAsync<SysproRequestCounts>(HttpMethod.Delete, "requests");

        var (status, _, _) = await sim.ODataAsync("PorMasterHdr?$filter=" + Uri.EscapeDataString("OrderStatus eq 'Z'"));
        Assert.Equal(200, status);

        var counts = await sim.ControlAsync<SysproRequestCounts>(HttpMethod.Get, "requests");
        Assert.Equal((1, 0), (counts.OData.Requests, counts.OData.Rows));
        Assert.Equal(new TargetCounts(1, 0), counts.OData.Of("PorMasterHdr"));
        Assert.Equal(0, counts.Enet.Requests);
    }

    [Fact]
    public async Task OData_PagedQuery_CountsEachPageAndItsRows()
    {
        await using var sim = await SysproTestSimulator.StartAsync(o => o.ODataPageSize = 150);
        sim.Simulator.Requests.Reset();
        var first = await sim.ODataAsync("PorMasterHdr?$select=PurchaseOrder");
        var next = System.Text.Json.JsonDocument.Parse(first.Body).RootElement.GetProperty("@odata.nextLink").GetString()!;
        await sim.ODataAsync(next);
        await sim.ODataAsync("PorMasterDetail?$top=7");

        var counts = sim.Simulator.Requests.Snapshot();
        Assert.Equal(new TargetCounts(2, 200), counts.OData.Of("PorMasterHdr"));
        Assert.Equal(new TargetCounts(1, 7), counts.OData.Of("PorMasterDetail"));
        Assert.Equal((3, 207), (counts.OData.Requests, counts.OData.Rows));
    }

    [Fact]
    public async Task Enet_LogonQueriesAndFaults_AreCountedPerBusinessObjectAndTable()
    {
        await using var sim = await SysproTestSimulator.StartAsync();
        sim.Simulator.Requests.Reset();
        var userId = await sim.Enet.LogonUserIdAsync();
        await sim.Enet.QueryAsync(userId, "COMFND", EnetTestClient.Comfnd("PorMasterHdr", ["PurchaseOrder"], [], returnRows: 5));
        await sim.Enet.QueryAsync(userId, "COMFND", EnetTestClient.Comfnd("ReqDetail", ["Requisition"], [("ReqnStatus", "EQ", "Z")]));
        var po = sim.Simulator.Data.PorMasterHdr.Snapshot()[0].PurchaseOrder;
        await sim.Enet.QueryAsync(userId, "PORQRY", $"<Query><Key><PurchaseOrder>{po}</PurchaseOrder></Key></Query>");
        sim.Simulator.Faults.FailNextRequests(1);
        await sim.Enet.QueryAsync(userId, "COMFND", EnetTestClient.Comfnd("PorMasterHdr", ["PurchaseOrder"], [], returnRows: 5));

        var enet = sim.Simulator.Requests.Snapshot().Enet;
        Assert.Equal(new TargetCounts(1, 0), enet.Of("Logon"));
        Assert.Equal(new TargetCounts(2, 5), enet.Of("COMFND PorMasterHdr"));
        Assert.Equal(new TargetCounts(1, 0), enet.Of("COMFND ReqDetail"));
        Assert.Equal(new TargetCounts(1, 1), enet.Of("PORQRY"));
        Assert.Equal((5, 6), (enet.Requests, enet.Rows));
        Assert.Equal(0, sim.Simulator.Requests.Snapshot().OData.Requests);
    }
}
