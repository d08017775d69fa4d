using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Outbox;
using MlConnector.Simulators.Twilio;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>Several dispatchers on one PostgreSQL database: claims, leases and the shared per-sender rate budget.</summary>
public sealed class ScaleOutTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task TwoInstances_2000AlertsAt50PerSecond_EachSentOnceAndNoWindowHoldsMoreThan50()
    {
        const int n = 50, count = 2000;
        // Callbacks far in the future: this test is about create requests, not 4,000 webhooks.
        var simulator = new TwilioSimulatorOptions { MessagesPerSecond = n, SentDelay = TimeSpan.FromDays(1), DeliveredDelay = TimeSpan.FromDays(2) };
        await using var a = await DeliveryHarness.StartAsync(DeliveryStore.Postgres, simulator,
            ("Twilio:MessagesPerSecond", n.ToString(CultureInfo.InvariantCulture)), ("Outbox:MaxConcurrency", "32"));
        await using var b = await a.AddInstanceAsync();
        await a.EnqueueManyAsync(Enumerable.Range(0, count).Select(i => ($"+1555702{i:0000}", $"PO {i} approved", $"po-{i}")));
        b.Activity.Wake();

        await DriveAsync([a, b], async () => await a.CountAsync(AlertStates.Sent) == count, TimeSpan.FromMilliseconds(100), 1000);

        var requests = a.Simulator.CreateRequests;
        // one create request per alert, and never a 429: the shared budget held
        Assert.Equal((count, 0), (requests.Count, requests.Count(r => r.HttpStatus != 201)));
        Assert.Equal(count, a.Simulator.Messages.Count);
        Assert.Equal(count, a.Simulator.Messages.Select(m => m.To).Distinct().Count());
        AssertNoWindowAbove(n, requests.Select(r => r.ReceivedAt));
        var (byA, byB) = (Attempts(a), Attempts(b));
        Assert.Equal(count, byA + byB);
        Assert.True(byA > 0 && byB > 0, $"both instances send (a: {byA}, b: {byB})");
    }

    [Fact]
    public async Task TwoInstances_OneStopsMidQueueWithoutReleasing_TheOtherSendsTheRestEachOnce()
    {
        const int count = 300;
        var simulator = new TwilioSimulatorOptions { MessagesPerSecond = 50, SentDelay = TimeSpan.FromDays(1), DeliveredDelay = TimeSpan.FromDays(2) };
        await using var a = await DeliveryHarness.StartAsync(DeliveryStore.Postgres, simulator,
            ("Twilio:MessagesPerSecond", "50"), ("Outbox:MaxConcurrency", "16"), ("Outbox:LeaseDuration", "00:00:30"));
        await using var b = await a.AddInstanceAsync();
        await a.EnqueueManyAsync(Enumerable.Range(0, count).Select(i => ($"+1555704{i:0000}", $"PO {i} approved", $"po-{i}")));
        b.Activity.Wake();

        await DriveAsync([a, b], async () => await a.CountAsync(AlertStates.Sent) >= 100, TimeSpan.FromMilliseconds(100), 100);
        await a.StopConnectorAsync(); // its claims (if any) stay leased to it until the lease runs out
        await DriveAsync([b], async () => await b.CountAsync(AlertStates.Sent) == count, TimeSpan.FromSeconds(1), 200);

        var requests = a.Simulator.CreateRequests;
        Assert.Equal((count, 0), (requests.Count, requests.Count(r => r.HttpStatus != 201)));
        Assert.Equal(count, a.Simulator.Messages.Select(m => m.To).Distinct().Count());
    }

    [Fact]
    public async Task Budget_SharedByTwoInstances_HeldFromReservationUntilTheEndItsRequestSet()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var a = await DeliveryHarness.StartAsync(DeliveryStore.Postgres, null,
            ("Twilio:MessagesPerSecond", "2"), ("Twilio:RequestTimeout", "00:00:10"));
        await using var b = await a.AddInstanceAsync();
        var (budgetA, budgetB) = (a.App.Services.GetRequiredService<SendBudget>(), b.App.Services.GetRequiredService<SendBudget>());

        var first = (await budgetA.TryReserveAsync("a", ct)).SlotId!.Value;
        Assert.NotNull((await budgetB.TryReserveAsync("b", ct)).SlotId); // reserved, never sent (its instance died)
        var refused = await budgetB.TryReserveAsync("b", ct);
        Assert.Null(refused.SlotId);
        Assert.Equal(Window, refused.Wait); // capped: a request usually leaves long before the conservative hold ends

        a.Time.Advance(TimeSpan.FromSeconds(3));
        await budgetA.HoldUntilAsync(first, a.Time.GetUtcNow() + Window, ct); // over now, arrived now: held one more second
        a.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Null((await budgetB.TryReserveAsync("b", ct)).SlotId);
        a.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.NotNull((await budgetB.TryReserveAsync("b", ct)).SlotId);
        Assert.Null((await budgetA.TryReserveAsync("a", ct)).SlotId);

        a.Time.Advance(TimeSpan.FromSeconds(9)); // the dead instance's row lapses: request timeout + 2 s after it began
        Assert.NotNull((await budgetA.TryReserveAsync("a", ct)).SlotId);
    }

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task DeadInstance_ClaimedAlert_ReturnsWhenTheLeaseRunsOutAndIsSentOnce(DeliveryStore store)
    {
        await using var h = await DeliveryHarness.StartAsync(store, null, ("Outbox:LeaseDuration", "00:02:00"));
        var leaseUntil = h.Time.GetUtcNow() + TimeSpan.FromMinutes(2);
        // Claimed by an instance that died right after: its lease is still running.
        var id = (await h.EnqueueManyAsync([("+15557030001", "PO 9 approved", "po-9")], (c, t) => c.ExecuteAsync(
            "UPDATE alerts SET lease_owner = 'dead-instance', lease_until = @Until",
            new { Until = leaseUntil.ToStored() }, t))).Single();

        await h.DriveUntilAsync(() => Task.FromResult(h.Time.GetUtcNow() >= leaseUntil), TimeSpan.FromSeconds(10));
        Assert.Empty(h.Simulator.CreateRequests);

        await h.DriveUntilStateAsync(id, AlertStates.Sent, TimeSpan.FromSeconds(1));
        Assert.Single(h.Simulator.CreateRequests);
        Assert.Equal(1, (await h.AlertAsync(id)).Attempts);
        Assert.Single(await h.AuditAsync(id), e => e.Kind == "attempt");
    }

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Lease_RanOutAndTakenOver_FormerHolderMaySendNothing(DeliveryStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await DeliveryHarness.StartAsync(store);
        var lease = TimeSpan.FromMinutes(1);
        // Due tomorrow, so the running dispatcher leaves it alone; the store is driven by hand at that time.
        var id = (await h.EnqueueManyAsync([("+15557030002", "PO 10 approved", "po-10")], (c, t) => c.ExecuteAsync(
            "UPDATE alerts SET next_attempt_at = next_attempt_at + 86400000", transaction: t))).Single();
        var outbox = h.App.Services.GetRequiredService<AlertLeases>();
        var t0 = h.Time.GetUtcNow().AddDays(1);

        var a = await outbox.ClaimAsync("a", t0, lease, ct);
        Assert.Equal(id, a?.Id);
        Assert.Null(await outbox.ClaimAsync("b", t0 + lease - TimeSpan.FromSeconds(1), lease, ct));
        var b = await outbox.ClaimAsync("b", t0 + lease + TimeSpan.FromSeconds(1), lease, ct);
        Assert.Equal(id, b?.Id);

        Assert.False(await outbox.MarkSendingAsync(a!, t0 + lease + TimeSpan.FromSeconds(2), lease, ct));
        Assert.True(await outbox.MarkSendingAsync(b!, t0 + lease + TimeSpan.FromSeconds(2), lease, ct));
    }

    /// <summary>Every instance waits only on the clock, then the clock moves one step.</summary>
    internal static async Task DriveAsync(DeliveryHarness[] instances, Func<Task<bool>> done, TimeSpan step, int maxSteps)
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < maxSteps && !await done(); i++)
        {
            await Task.WhenAll(instances.Select(h => h.Activity.WhenIdleAsync(ct))).WaitAsync(TimeSpan.FromSeconds(30), ct);
            instances[0].Time.Advance(step);
        }

        Assert.True(await done(), $"not done after {maxSteps} steps of {step}");
    }

    private static void AssertNoWindowAbove(int n, IEnumerable<DateTimeOffset> times)
    {
        var sorted = times.Order().ToArray();
        for (int end = 0, start = 0; end < sorted.Length; end++)
        {
            while (sorted[start] <= sorted[end] - Window)
            {
                start++;
            }

            Assert.True(end - start + 1 <= n, $"{end - start + 1} create requests in the second ending {sorted[end]:HH:mm:ss.fff}");
        }
    }

    private static int Attempts(DeliveryHarness h) => h.Logs.Count(l => l.Id.Id == 3001);
}
