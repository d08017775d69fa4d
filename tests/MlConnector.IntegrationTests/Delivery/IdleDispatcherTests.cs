using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>An idle dispatcher looks for due alerts when one falls due, not only every Outbox:PollInterval.</summary>
public sealed class IdleDispatcherTests
{
    [Fact]
    public async Task Send_RetryFallsDueLongBeforeTheNextLook_SentWhenDue()
    {
        await using var h = await DeliveryHarness.StartAsync(new TwilioSimulatorOptions(), ("Outbox:PollInterval", "00:01:00"));
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.TooManyRequests, RetryAfter: 2), 1);
        var started = h.Time.GetUtcNow();
        var id = await h.EnqueueAsync("+15557010401", "PO 401 approved", "po-idle-401");

        await h.DriveUntilAllSentAsync([id], TimeSpan.FromMilliseconds(250));

        Assert.Equal([429, 201], h.Simulator.CreateRequests.Select(r => r.HttpStatus));
        // Retry-After 2 s (and the backoff's jitter): sent within seconds, not at the look a minute after the refusal.
        var took = h.Time.GetUtcNow() - started;
        Assert.True(took < TimeSpan.FromSeconds(20), $"sent {took} after it was enqueued");
    }
}
