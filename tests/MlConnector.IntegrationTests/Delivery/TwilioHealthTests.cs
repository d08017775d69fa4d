using System.Text.Json;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>Twilio's readiness reflects what the recent sends saw, not only whether the account can be fetched.</summary>
public sealed class TwilioHealthTests
{
    [Fact]
    public async Task Ready_EverySendAnswered503ForAMinute_IsUnhealthyThoughTheAccountFetchWorks()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var first = await h.EnqueueAsync("+15557010950", "PO 9500 approved", "po-9500");
        await h.DriveUntilStateAsync(first, Alerts.AlertStates.Delivered);
        Assert.Equal("Healthy", await TwilioStatusAsync(h));

        // A total outage of Messages-create: every send is answered 503 (the account fetch still works).
        var start = h.Time.GetUtcNow();
        h.Simulator.Faults.DownUntil(start.AddHours(1), new TwilioFault(TwilioFaultKind.ServiceUnavailableJson));
        for (var i = 0; i < 5; i++)
        {
            await h.EnqueueAsync($"+1555701096{i}", $"PO 951{i} approved", $"po-951{i}");
        }

        await h.DriveUntilAsync(() => Task.FromResult(h.Time.GetUtcNow() >= start.AddSeconds(60)), TimeSpan.FromSeconds(2));

        Assert.Contains(h.Simulator.CreateRequests, r => r.HttpStatus == 503);
        Assert.Equal("Unhealthy", await TwilioStatusAsync(h));
    }

    private static async Task<string?> TwilioStatusAsync(DeliveryHarness h)
    {
        using var http = new HttpClient { BaseAddress = h.ConnectorAddress };
        var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return report.RootElement.GetProperty("checks").GetProperty("twilio").GetProperty("status").GetString();
    }
}
