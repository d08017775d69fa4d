using Microsoft.Extensions.DependencyInjection;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.IntegrationTests.SysproSide;

public sealed class LogHygieneTests
{
    [Fact]
    public async Task EnetLogs_AtEveryLevel_HoldNoPasswordUserIdOrQueryString()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.Enet, captureLogs: true);
        await harness.PollAsync(RulePresets.PoSubmitted);
        harness.Simulator.Faults.ExpireSessions();
        harness.Simulator.Data.SubmitPurchaseOrder(harness.Simulator.Data.PurchaseOrdersInStatus("0").First().PurchaseOrder);
        await harness.PollAsync(RulePresets.PoSubmitted);
        var session = harness.App.Services.GetRequiredService<EnetSession>();
        await session.LogoffAsync(TestContext.Current.CancellationToken);

        var logs = harness.Logs;

        Assert.NotEmpty(logs);
        Assert.Contains(logs, l => l.Contains("logged on", StringComparison.Ordinal));
        foreach (var line in logs)
        {
            Assert.DoesNotContain(harness.Simulator.Options.OperatorPassword, line, StringComparison.Ordinal);
            Assert.DoesNotContain("OperatorPassword", line, StringComparison.Ordinal);
            Assert.DoesNotContain("UserId=", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("XmlIn", line, StringComparison.Ordinal);
            Assert.DoesNotContain(SysproSideHarness.Approver, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ODataLogs_AtEveryLevel_HoldNoPassword()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, captureLogs: true);
        await harness.PollAsync(RulePresets.PoSubmitted);

        Assert.All(harness.Logs, line =>
            Assert.DoesNotContain(harness.Simulator.Options.ODataPassword, line, StringComparison.Ordinal));
    }
}
