using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Simulators.Twilio;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>An alert's lease outlives a send that takes longer than the lease: a heartbeat renews it while the request is
/// in flight, so no other dispatcher (nor this one) claims the alert and sends it again.</summary>
public sealed class LeaseHeartbeatTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Send_LongerThanTheLease_HeartbeatKeepsTheLeaseAndNobodyElseClaimsIt(DeliveryStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await DeliveryHarness.StartAsync(store, null, ("Outbox:LeaseDuration", "00:00:30"));
        // Twilio answers after 90 s of the shared clock (the HttpClient's own timeout is on the real clock).
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.Slow, TimeSpan.FromSeconds(90)));
        var id = await h.EnqueueAsync("+15557010801", "PO 8100 approved", "po-8100");
        await Eventually.TrueAsync(async () => (await h.AlertAsync(id)).InDoubtSince is not null, "on its way to Twilio");
        var leases = h.App.Services.GetRequiredService<AlertLeases>();

        for (var second = 5; second <= 85; second += 5)
        {
            h.Time.Advance(TimeSpan.FromSeconds(5));
            var now = h.Time.GetUtcNow();
            // A heartbeat every third of the lease: the lease always runs at least two thirds of it ahead.
            await Eventually.TrueAsync(async () => await LeaseUntilAsync(h, id) >= (now + Lease * 2 / 3).ToStored(),
                $"renewed by {second} s");
            Assert.Null(await leases.ClaimAsync("intruder", now, Lease, ct));
        }

        // Twilio answers 90 s after the request reached it. "Sent" or already "delivered": on a busy machine the clock,
        // moved a second at every check, can pass the delivery callback before a check sees the alert "sent".
        await Eventually.TrueAsync(async () =>
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
            return IsSent((await h.AlertAsync(id)).State);
        }, "sent once Twilio answered");
        Assert.Single(h.Simulator.CreateRequests);
        Assert.Single(await h.AuditAsync(id), a => a.Kind == "attempt");
    }

    /// <summary>
    /// A clock that jumps past the lease while a send is in flight (a suspended machine, a test's fake clock) must not
    /// let the dispatcher claim the alert it is still sending: the lookup of a send in doubt would not find a text
    /// Twilio has not answered yet, and the alert would go out twice.
    /// </summary>
    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task LeaseRunsOutMidSend_TheSameDispatcherDoesNotClaimItAgain(DeliveryStore store)
    {
        // Twilio answers the first request after 60 s of the shared clock; the HttpClient waits up to 60 s of real time.
        await using var h = await DeliveryHarness.StartAsync(store, null,
            ("Outbox:LeaseDuration", "00:02:00"), ("Twilio:RequestTimeout", "00:01:00"));
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.Slow, TimeSpan.FromSeconds(60)));
        var answered = h.Time.GetUtcNow() + TimeSpan.FromSeconds(70);
        var held = await h.EnqueueAsync("+15557010802", "PO 8101 approved", "po-8101");
        await Eventually.TrueAsync(async () => (await h.AlertAsync(held)).InDoubtSince is not null, "on its way to Twilio");

        // The lease runs out before the heartbeat's next beat (the clock has not moved: no renewal is due), and new
        // work wakes the dispatcher: the alert in flight is due and unleased, and comes first in the queue.
        await ExpireLeaseAsync(h, held);
        var other = await h.EnqueueAsync("+15557010803", "PO 8102 approved", "po-8102");
        await Eventually.TrueAsync(async () =>
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
            return IsSent((await h.AlertAsync(other)).State);
        }, "the other alert sent");
        await Eventually.TrueAsync(async () =>
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
            return IsSent((await h.AlertAsync(held)).State);
        }, "sent once Twilio answered", TimeSpan.FromSeconds(50));

        // Past the held request's answer, until nothing is in flight: every request has reached Twilio and been answered.
        await Eventually.TrueAsync(() =>
        {
            if (h.Time.GetUtcNow() > answered && h.Activity.IsIdle)
            {
                return Task.FromResult(true);
            }

            h.Time.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(false);
        }, "every request answered", TimeSpan.FromSeconds(50));
        Assert.Single(h.Simulator.CreateRequests, r => r.To == "+15557010802");
        Assert.Single(h.Simulator.Messages, m => m.To == "+15557010802");
    }

    private static bool IsSent(string state) => state is AlertStates.Sent or AlertStates.Delivered;

    private static async Task ExpireLeaseAsync(DeliveryHarness h, long id)
    {
        await using var connection = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync("UPDATE alerts SET lease_until = @past WHERE id = @id",
            new { id, past = (h.Time.GetUtcNow() - TimeSpan.FromSeconds(1)).ToStored() });
    }

    private static async Task<long> LeaseUntilAsync(DeliveryHarness h, long id)
    {
        await using var connection = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long?>("SELECT lease_until FROM alerts WHERE id = @id", new { id }) ?? 0;
    }
}
