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

        await Eventually.TrueAsync(async () =>
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
            return (await h.AlertAsync(id)).State == AlertStates.Sent;
        }, "sent once Twilio answered");
        Assert.Single(h.Simulator.CreateRequests);
        Assert.Single(await h.AuditAsync(id), a => a.Kind == "attempt");
    }

    private static async Task<long> LeaseUntilAsync(DeliveryHarness h, long id)
    {
        await using var connection = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long?>("SELECT lease_until FROM alerts WHERE id = @id", new { id }) ?? 0;
    }
}
