using MlConnector.Alerts;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Delivery;

public sealed class DeliveryTests
{
    private const string Phone = "+15557010101";

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Send_Delivered_SidStoredAndFinalStatusAudited(DeliveryStore store)
    {
        await using var h = await DeliveryHarness.StartAsync(store);
        var id = await h.EnqueueAsync(Phone, "PO 4711 awaits your approval", "po-4711");

        await h.DriveUntilStateAsync(id, AlertStates.Delivered);

        var alert = await h.AlertAsync(id);
        var message = Assert.Single(h.Simulator.Messages);
        Assert.Equal(message.Sid, alert.MessageSid);
        Assert.Equal("delivered", alert.DeliveryStatus);
        var audit = await h.AuditAsync(id);
        Assert.Contains(audit, a => a.Kind == "attempt" && a.Detail!.Contains(message.Sid, StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Kind == "status-callback" && a.Detail!.Contains("\"status\":\"delivered\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Send_InvalidNumber_FailsAtOnceWith21211WithoutRetry(DeliveryStore store)
    {
        await using var h = await DeliveryHarness.StartAsync(store);
        var id = await h.EnqueueAsync("+15005550001", "PO 4712 awaits your approval", "po-4712");

        await h.DriveUntilStateAsync(id, AlertStates.Failed);
        await h.DriveUntilAsync(() => Task.FromResult(true), TimeSpan.FromMinutes(10)); // time passes: no retry

        var alert = await h.AlertAsync(id);
        Assert.Equal((1L, 21211L), (alert.Attempts, alert.ErrorCode));
        Assert.Single(h.Simulator.CreateRequests);
        Assert.Contains(await h.AuditAsync(id), a => a.Kind == "attempt" && a.Detail!.Contains("21211", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_RecipientOptedOutAtTwilio_FailsWith21610AndLaterTextsAreSuppressedWithoutAsking()
    {
        await using var h = await DeliveryHarness.StartAsync(DeliveryStore.Sqlite);
        h.Simulator.OptOut("+15550107777");
        var first = await h.EnqueueAsync("+15550107777", "PO 4713 awaits your approval", "po-4713");
        await h.DriveUntilStateAsync(first, AlertStates.Failed);

        var second = await h.EnqueueAsync("+15550107777", "PO 4714 awaits your approval", "po-4714");
        await h.DriveUntilStateAsync(second, AlertStates.Suppressed);

        Assert.Equal(21610L, (await h.AlertAsync(first)).ErrorCode);
        Assert.Single(h.Simulator.CreateRequests);
        Assert.Contains(await h.AuditAsync(second), a => a.Kind == "suppressed");
    }

    [Fact]
    public async Task Send_TwilioDownTenMinutes_EveryQueuedAlertDelivered()
    {
        await using var h = await DeliveryHarness.StartAsync(null, ("Twilio:MaxAttempts", "40"), ("Twilio:BackoffCap", "00:02:00"));
        h.Simulator.Faults.DownUntil(h.Time.GetUtcNow().AddMinutes(10), new TwilioFault(TwilioFaultKind.ServiceUnavailableHtml));
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await h.EnqueueAsync($"+1555701020{i}", $"Invoice {i} posted", $"inv-{i}"));
        }

        await h.DriveUntilAsync(async () =>
        {
            foreach (var id in ids)
            {
                if ((await h.AlertAsync(id)).State != AlertStates.Delivered)
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(5));

        Assert.Equal(5, h.Simulator.Messages.Count);
        Assert.Contains(h.Simulator.CreateRequests, r => r.HttpStatus == 503);
        Assert.True(h.Time.GetUtcNow() >= new DateTimeOffset(2026, 3, 2, 9, 10, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Send_RateLimited429Storm_AllArriveAndNoWindowHoldsMoreThanN(DeliveryStore store)
    {
        const int n = 2;
        await using var h = await DeliveryHarness.StartAsync(store, new TwilioSimulatorOptions { MessagesPerSecond = n },
            ("Twilio:MessagesPerSecond", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Twilio:MaxAttempts", "30"));
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.TooManyRequests, RetryAfter: 2), 4);
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.TooManyRequestsNoBody), 2);
        var ids = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await h.EnqueueAsync($"+155570103{i:00}", $"Requisition {i} approved", $"req-{i}"));
        }

        await h.DriveUntilAllSentAsync(ids, TimeSpan.FromMilliseconds(250));

        Assert.Equal(12, h.Simulator.Messages.Count);
        var requests = h.Simulator.CreateRequests;
        Assert.Equal(6, requests.Count(r => r.HttpStatus == 429));
        foreach (var r in requests)
        {
            // every request, accepted or not, so the connector's own limiter is what is measured
            Assert.True(requests.Count(o => o.ReceivedAt > r.ReceivedAt - TimeSpan.FromSeconds(1) && o.ReceivedAt <= r.ReceivedAt) <= n,
                $"more than {n} create requests in the second ending {r.ReceivedAt:HH:mm:ss.fff}");
        }
    }
}
