using Microsoft.Extensions.Time.Testing;
using MlConnector.Cli;
using MlConnector.IntegrationTests.Simulators.Twilio;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Cli;

/// <summary>The demo's first two minutes (issue 18, "the demo's phone view"): a rate-limit refusal, a handset that is
/// off for 90 s, and a STOP after 45 s, on the clock the demo runs on.</summary>
public sealed class DemoIncidentsTests
{
    [Fact]
    public async Task TheDemo_RefusesOnce_SwitchesAHandsetOffFor90s_AndPatTextsStopAfter45s()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await using var listener = await CallbackListener.StartAsync();
        await using var twilio = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions { InboundWebhookUrl = new Uri(listener.BaseAddress, "in") },
            time, cancellationToken: TestContext.Current.CancellationToken);
        using var stop = new CancellationTokenSource();

        var incidents = DemoIncidents.RunAsync(twilio, time, stop.Token);

        Assert.Equal(1, twilio.Faults.Pending);
        Assert.Equal("undelivered", twilio.Options.Outcomes[DemoIncidents.HandsetOffPhone].FinalStatus);
        time.Advance(TimeSpan.FromSeconds(44));
        Assert.Empty(listener.Received);
        time.Advance(TimeSpan.FromSeconds(1));
        await WhenAsync(() => !listener.Received.IsEmpty);
        var stopText = Assert.Single(listener.Received);
        Assert.Equal("STOP", stopText.Form["Body"]);
        Assert.Equal(DemoIncidents.StopPhone, stopText.Form["From"]);
        time.Advance(TimeSpan.FromSeconds(45));
        await WhenAsync(() => twilio.Options.Outcomes[DemoIncidents.HandsetOffPhone].FinalStatus == "delivered");
        await incidents;
    }

    private static async Task WhenAsync(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken); // real HTTP between two local servers
        }

        Assert.True(done());
    }
}
