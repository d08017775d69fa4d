using System.Net;
using MlConnector.Rules;

namespace MlConnector.IntegrationTests.SysproSide;

public sealed class HealthTests
{
    [Fact]
    public async Task Ready_EnetCredentialsRefused_IsUnhealthyAndSaysWhy()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.Enet,
            settings: new Dictionary<string, string?> { ["Syspro:Enet:OperatorPassword"] = "wrong" });
        await harness.Poller.PollAsync(harness.Rule(RulePresets.PoSubmitted), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };

        var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Ready_RulesPolledFine_IsHealthy()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData);
        await harness.PollAsync(RulePresets.PoSubmitted);
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };

        var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
