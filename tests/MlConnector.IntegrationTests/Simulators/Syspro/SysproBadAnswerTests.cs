using MlConnector.IntegrationTests.SysproSide.BadAnswers;
using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>The fault API serves each fixed bad answer for a span of requests, then the real answers again.</summary>
public sealed class SysproBadAnswerTests(SysproBadAnswerTests.OneSimulator shared) : IClassFixture<SysproBadAnswerTests.OneSimulator>, IDisposable
{
    private readonly SysproTestSimulator _sim = shared.Simulator;

    public static TheoryData<string> Files() => [.. SysproBadAnswerFile.All.Select(f => f.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task BadAnswer_ServedForTwoRequests_IsTheFileVerbatimThenTheRealAnswer(string file)
    {
        var bad = SysproBadAnswerFile.All.Single(f => f.File == file);
        var sim = _sim;
        var expected = bad.Body.Replace("{{ServiceRoot}}", sim.Simulator.ODataAddress.ToString(), StringComparison.Ordinal);
        var real = await AskAsync(sim, bad);
        Assert.NotEqual(expected, real.Body);

        var served = bad.ServeOn(sim.Simulator, requests: 2);
        Assert.Equal((2, 0), (served.Remaining, served.Served));
        for (var i = 0; i < 2; i++)
        {
            var answer = await AskAsync(sim, bad);
            Assert.Equal(200, answer.Status);
            Assert.Equal(expected, answer.Body);
            Assert.StartsWith(bad.ContentType ?? (bad.Transport == "odata" ? "application/json; odata.metadata=minimal" : "application/octet-stream"),
                answer.ContentType, StringComparison.Ordinal);
        }

        Assert.Equal(real.Body, (await AskAsync(sim, bad)).Body);
        Assert.Empty(sim.Simulator.BadAnswers.State());
    }

    [Fact]
    public async Task ControlApi_BadAnswerUntilLifted_ServesUntilDeletedAndOnlyItsTarget()
    {
        var sim = _sim;
        var bad = SysproBadAnswerFile.EnetHtmlPage;
        var state = await sim.ControlAsync<BadAnswerState>(HttpMethod.Post, "bad-answers", bad.ToBadAnswer(requests: null));
        Assert.Null(state.Remaining);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(bad.Body, (await AskAsync(sim, bad)).Body);
        }

        Assert.StartsWith("<?xml", (await AskAsync(sim, SysproBadAnswerFile.EnetEmptyPorMasterHdr)).Body, StringComparison.Ordinal);
        Assert.Equal(200, (await sim.ODataAsync("ReqDetail?$top=1")).Status);
        var active = await sim.ControlAsync<List<BadAnswerState>>(HttpMethod.Get, "bad-answers");
        Assert.Equal(3, Assert.Single(active).Served);

        await sim.ControlAsync<object>(HttpMethod.Delete, $"bad-answers/{state.Id}");
        Assert.StartsWith("<?xml", (await AskAsync(sim, bad)).Body, StringComparison.Ordinal);
    }

    public void Dispose() => _sim.Simulator.BadAnswers.Lift();

    private static async Task<(int Status, string? ContentType, string Body)> AskAsync(SysproTestSimulator sim, SysproBadAnswerFile bad)
    {
        if (bad.Transport == SysproRequestCounter.OData)
        {
            return await sim.ODataAsync($"{bad.Target}?$filter=" + Uri.EscapeDataString("OrderStatus eq '1'"));
        }

        var userId = await sim.Enet.LogonUserIdAsync();
        var xmlIn = bad.Target == "PORQRY"
            ? $"<Query><Key><PurchaseOrder>{sim.Simulator.Data.PorMasterHdr.Snapshot()[0].PurchaseOrder}</PurchaseOrder></Key></Query>"
            : EnetTestClient.Comfnd(bad.Target, [], [], returnRows: 3);
        var reply = await sim.Enet.QueryAsync(userId, bad.Target == "PORQRY" ? "PORQRY" : "COMFND", xmlIn);
        return (reply.Status, reply.ContentType, reply.Text);
    }

    /// <summary>One simulator for the class: tests run one at a time and lift every bad answer when done.</summary>
    public sealed class OneSimulator : IAsyncLifetime
    {
        public SysproTestSimulator Simulator { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Simulator = await SysproTestSimulator.StartAsync();

        public ValueTask DisposeAsync() => Simulator.DisposeAsync();
    }
}
