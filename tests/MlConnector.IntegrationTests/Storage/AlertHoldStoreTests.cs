using MlConnector.Alerts;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Storage;

/// <summary>The hold's SQL on both dialects: held alerts are never claimed, and leave the hold only together, by a
/// release (due now) or a discard, each audited per alert.</summary>
public sealed class AlertHoldStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly HoldReason Burst = new("a burst");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task HeldAlerts_AreNeverClaimed_AndCountPerRule(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        await s.EnqueueAsync("a", T0, hold: Burst);
        await s.EnqueueAsync("b", T0.AddMinutes(5), hold: Burst);
        await s.EnqueueAsync("c", T0, hold: Burst, rule: "po-submitted");
        var queued = await s.EnqueueAsync("d", T0);

        var holds = await new AlertHolds(s.Dialect).AllAsync(Ct);
        var leases = new AlertLeases(s.Dialect);

        Assert.Equal(new HeldAlerts(2, T0), holds[("default", "po-approved")]);
        Assert.Equal(1, holds[("default", "po-submitted")].Alerts);
        Assert.Equal(queued, (await leases.ClaimAsync("x", T0.AddHours(1), Lease, Ct))?.Id);
        Assert.Null(await leases.ClaimAsync("x", T0.AddHours(1), Lease, Ct));
        Assert.Equal(3L, await s.ScalarAsync<long>("SELECT COUNT(*) FROM audit WHERE kind = 'held'"));
        Assert.Null(await s.ScalarAsync<long?>("SELECT MAX(next_attempt_at) FROM alerts WHERE state = 'held'"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Release_QueuesThatRulesHeldAlertsDueNow_AuditedPerAlert(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var a = await s.EnqueueAsync("a", T0, hold: Burst);
        var b = await s.EnqueueAsync("b", T0, hold: Burst);
        var other = await s.EnqueueAsync("c", T0, hold: Burst, rule: "po-submitted");
        var holds = new AlertHolds(s.Dialect);
        var released = T0.AddDays(2);

        Assert.Equal(2, await holds.ReleaseAsync("default", "po-approved", "olivia", "checked", released, Ct));
        Assert.Equal(0, await holds.ReleaseAsync("default", "po-approved", "olivia", "again", released, Ct));

        var leases = new AlertLeases(s.Dialect);
        var claimed = new[] { (await leases.ClaimAsync("x", released, Lease, Ct))!, (await leases.ClaimAsync("x", released, Lease, Ct))! };
        Assert.Equal([a, b], claimed.Select(c => c.Id).Order());
        Assert.All(claimed, c => Assert.Equal((long?)released.ToStored(), c.ChainStartedAt)); // validity counts from the release
        Assert.Null(await leases.ClaimAsync("x", released, Lease, Ct));
        Assert.Equal("held", await s.ScalarAsync<string>("SELECT state FROM alerts WHERE id = @other", new { other }));
        Assert.Equal(2L, await s.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit WHERE kind = 'released' AND actor = 'olivia' AND detail LIKE '%\"reason\":\"checked\"%'"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Discard_EndsTheHoldForGood_AndReplayCannotEmptyAHold(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var a = await s.EnqueueAsync("a", T0, hold: Burst);
        var b = await s.EnqueueAsync("b", T0, hold: Burst);
        var holds = new AlertHolds(s.Dialect);
        var requeue = new AlertRequeue(s.Dialect);

        Assert.Equal(ReplayOutcome.Held, await requeue.RequeueAsync(a, "olivia", "one of them", T0, Ct));
        Assert.Equal(2, await holds.DiscardAsync("default", "po-approved", "olivia", "false alarm", T0.AddMinutes(1), Ct));

        Assert.Null(await new AlertLeases(s.Dialect).ClaimAsync("x", T0.AddHours(1), Lease, Ct));
        Assert.Equal(2L, await s.ScalarAsync<long>("SELECT COUNT(*) FROM alerts WHERE state = 'discarded'"));
        Assert.Empty(await holds.AllAsync(Ct));
        Assert.Equal(2L, await s.ScalarAsync<long>("SELECT COUNT(*) FROM audit WHERE kind = 'discarded' AND actor = 'olivia'"));
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT COUNT(*) FROM audit WHERE kind = 'replay'"));
        Assert.Equal(ReplayOutcome.Replayed, await requeue.RequeueAsync(b, "olivia", "this one was real", T0.AddHours(1), Ct));
    }
}
