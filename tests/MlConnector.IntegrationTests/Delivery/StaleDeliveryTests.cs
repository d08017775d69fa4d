using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Simulators.Twilio;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>Status callbacks Twilio posts while no instance is up are lost: the connector fetches what it missed.</summary>
public sealed class StaleDeliveryTests
{
    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Sent_DeliveredCallbackLostWhileDown_StatusFetchedAfterTheRestart(DeliveryStore store)
    {
        var late = new TwilioSimulatorOptions { SentDelay = TimeSpan.FromSeconds(1), DeliveredDelay = TimeSpan.FromMinutes(10) };
        await using var h = await DeliveryHarness.StartAsync(store, late);
        var id = await h.EnqueueAsync("+15557010700", "PO 7000 approved", "po-7000");
        await h.DriveUntilAsync(async () => (await h.AlertAsync(id)).DeliveryStatus == "sent", TimeSpan.FromMilliseconds(500));

        await h.StopConnectorAsync();
        h.Time.Advance(TimeSpan.FromMinutes(11));
        await h.Simulator.FlushCallbacksAsync(TestContext.Current.CancellationToken); // "delivered", posted to nobody
        await h.StartConnectorAsync();
        Assert.Equal(AlertStates.Sent, (await h.AlertAsync(id)).State);

        await h.DriveUntilStateAsync(id, AlertStates.Delivered, TimeSpan.FromMinutes(1));

        Assert.Equal("delivered", (await h.AlertAsync(id)).DeliveryStatus);
        Assert.Contains(await h.AuditAsync(id), a => a.Kind == "status-callback"
            && a.Detail!.Contains("\"fetched\":true", StringComparison.Ordinal) && a.Detail.Contains("delivered", StringComparison.Ordinal));
        Assert.Single(h.Simulator.CreateRequests);
    }

    [Fact]
    public async Task Sent_CarrierNeverReports_FetchedAFewTimesThenLeftAlone()
    {
        var never = new TwilioSimulatorOptions { SentDelay = TimeSpan.FromSeconds(1), DeliveredDelay = TimeSpan.FromDays(30) };
        await using var h = await DeliveryHarness.StartAsync(never, ("Outbox:StatusChecks", "3"));
        var id = await h.EnqueueAsync("+15557010701", "PO 7001 approved", "po-7001");
        await h.DriveUntilAsync(async () => (await h.AlertAsync(id)).DeliveryStatus == "sent", TimeSpan.FromMilliseconds(500));

        await h.DriveUntilAsync(async () => await ChecksAsync(h, id) == 3, TimeSpan.FromMinutes(5));
        // Two more days: no further fetch.
        Assert.False(await new DispatchDriver(h.Time, h.Activity, h.Simulator).UntilAsync(
            async () => await ChecksAsync(h, id) > 3, TimeSpan.FromHours(1), 48));

        Assert.Equal(3, await ChecksAsync(h, id));
        Assert.Equal(AlertStates.Sent, (await h.AlertAsync(id)).State);
    }

    private static async Task<int> ChecksAsync(DeliveryHarness h, long id)
    {
        await using var connection = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<int>("SELECT status_checks FROM alerts WHERE id = @Id", new { Id = id });
    }
}
