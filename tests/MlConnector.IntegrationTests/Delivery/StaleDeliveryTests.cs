using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Outbox;
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

    [Fact]
    public async Task ARoundOfStatusFetches_IsOutboxWork_TheDispatcherIsNotIdleUntilItEnds()
    {
        // A driver of the clock (a test, the model test's drain) moves time only when the outbox is idle: a round that
        // is talking to Twilio must count, or the clock races past it (the model test's "not drained" runs).
        var ct = TestContext.Current.CancellationToken;
        var late = new TwilioSimulatorOptions { SentDelay = TimeSpan.FromSeconds(1), DeliveredDelay = TimeSpan.FromMinutes(10) };
        await using var h = await DeliveryHarness.StartAsync(late, ("Twilio:RequestTimeout", "00:01:00"), ("Outbox:LeaseDuration", "00:05:00"),
            ("Outbox:StatusCheckAfter", "00:01:00"));
        var id = await h.EnqueueAsync("+15557010731", "PO 7031 approved", "po-7031");
        await h.DriveUntilAsync(async () => (await h.AlertAsync(id)).DeliveryStatus == "sent", TimeSpan.FromMilliseconds(500));
        await h.StopConnectorAsync();
        h.Time.Advance(TimeSpan.FromMinutes(11));
        await h.Simulator.FlushCallbacksAsync(ct); // "delivered", posted to nobody
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.Slow, TimeSpan.FromSeconds(30)), target: TwilioFaultTarget.MessageFetch);
        await h.StartConnectorAsync();
        await h.Activity.WhenIdleAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        h.Time.Advance(TimeSpan.FromMinutes(1)); // the round falls due: its fetch waits 30 s on the clock for Twilio

        Assert.False(h.Activity.IsIdle);
        Assert.Equal(AlertStates.Sent, (await h.AlertAsync(id)).State);
        // The simulator starts its 30 s when the fetch reaches it, which may be after a move of the clock: move on
        // until the round ends.
        for (var moves = 0; moves < 20 && !h.Activity.IsIdle; moves++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(h.Activity.WhenIdleAsync(ct), Task.Delay(TimeSpan.FromMilliseconds(500), ct));
        }

        Assert.True(h.Activity.IsIdle);
        Assert.Equal(AlertStates.Delivered, (await h.AlertAsync(id)).State);
    }

    [Fact]
    public async Task Refresh_CutShortDuringAFetch_UsesTheCheckOfThatAlertOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var never = new TwilioSimulatorOptions { SentDelay = TimeSpan.FromSeconds(1), DeliveredDelay = TimeSpan.FromDays(30) };
        // The service's own rounds are off (no status checks): the test runs one round itself.
        await using var h = await DeliveryHarness.StartAsync(never, ("Outbox:StatusChecks", "0"));
        long[] ids =
        [
            await h.EnqueueAsync("+15557010711", "PO 7011 approved", "po-7011"),
            await h.EnqueueAsync("+15557010712", "PO 7012 approved", "po-7012"),
            await h.EnqueueAsync("+15557010713", "PO 7013 approved", "po-7013"),
        ];
        await h.DriveUntilAsync(async () =>
        {
            foreach (var id in ids)
            {
                if ((await h.AlertAsync(id)).DeliveryStatus != "sent")
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromMilliseconds(500));
        var options = new OutboxOptions { StatusChecks = 3 };
        h.Time.Advance(options.StatusCheckAfter);

        // The first fetch waits on the clock; the round is stopped while it waits, as a service stop stops it.
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.Slow, TimeSpan.FromSeconds(5)), target: TwilioFaultTarget.MessageFetch);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var round = ActivatorUtilities.CreateInstance<DeliveryStatusRefresher>(h.App.Services).RefreshAsync(options, stop.Token);
        // A bounded wait for the fetch to reach the simulator (another thread), not a timing assumption.
        for (var waited = 0; waited < 1000 && h.Simulator.Faults.PendingFor(TwilioFaultTarget.MessageFetch) > 0; waited++)
        {
            await Task.Delay(5, ct);
        }

        await stop.CancelAsync();
        h.Time.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => round);

        var checks = new List<int>();
        foreach (var id in ids)
        {
            checks.Add(await ChecksAsync(h, id));
        }

        Assert.Equal([1, 0, 0], checks);
    }

    private static async Task<int> ChecksAsync(DeliveryHarness h, long id)
    {
        await using var connection = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<int>("SELECT status_checks FROM alerts WHERE id = @Id", new { Id = id });
    }
}
