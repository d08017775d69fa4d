using System.Net;
using System.Text.Json;
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
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var syspro = report.RootElement.GetProperty("checks").GetProperty("syspro");
        Assert.Equal("Unhealthy", syspro.GetProperty("status").GetString());
        Assert.Contains("Invalid operator password", syspro.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_RulesPolledFine_IsHealthyAndSaysWhichInstancePollsEachRule()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData);
        await harness.PollAsync(RulePresets.PoSubmitted);
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };

        var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = report.RootElement.GetProperty("checks").GetProperty("syspro").GetProperty("data");
        Assert.Equal(harness.PollerInstance, data.GetProperty("instance").GetString());
        Assert.Equal($"polled by {harness.PollerInstance}", data.GetProperty($"rule:{RulePresets.PoSubmitted}").GetString());
        Assert.Equal("not held", data.GetProperty($"rule:{RulePresets.PoApproved}").GetString());
    }
}

public sealed class InstanceIdentityTests
{
    [Fact]
    public async Task Dashboard_ShowsThisInstanceAndWhichInstancePollsEachRule()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData);
        await harness.PollAsync(RulePresets.PoSubmitted);
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };

        var overview = await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var rules = await http.GetStringAsync(new Uri("/rules", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains($"<strong id=\"instance-id\">{harness.PollerInstance}</strong>", overview, StringComparison.Ordinal);
        Assert.Contains($"instance {harness.PollerInstance} (lease until", rules, StringComparison.Ordinal);
    }
}

public sealed class TwilioHealthTests
{
    [Fact]
    public async Task Ready_TwilioRefusesTheCredentials_IsUnhealthyAndSaysWhich()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, withTwilio: true,
            settings: new Dictionary<string, string?> { ["Twilio:AuthToken"] = "not-the-token" });
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };

        var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var twilio = report.RootElement.GetProperty("checks").GetProperty("twilio");
        Assert.Contains("Twilio:AuthToken", twilio.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
