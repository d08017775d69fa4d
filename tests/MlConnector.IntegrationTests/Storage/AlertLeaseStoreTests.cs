using MlConnector.Alerts;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Storage;

/// <summary>The alerts' claim and lease SQL itself, on both dialects (the model: Hangfire's SqlServerJobQueueFacts).</summary>
public sealed class AlertLeaseStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Claim_ReturnsADuePendingAlert_AndNothingElse(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var leases = new AlertLeases(s.Dialect);
        await s.EnqueueAsync("not-rendered", T0, renderError: "bad template"); // failed from the start
        var sent = await s.EnqueueAsync("sent", T0);
        await s.ExecuteAsync("UPDATE alerts SET state = 'sent' WHERE id = @sent", new { sent });
        var later = await s.EnqueueAsync("later", T0);
        await s.ExecuteAsync("UPDATE alerts SET next_attempt_at = @at WHERE id = @later", new { later, at = T0.AddHours(1).ToStored() });
        var due = await s.EnqueueAsync("due", T0);

        var claimed = await leases.ClaimAsync("a", T0, Lease, Ct);

        Assert.Equal(due, claimed?.Id);
        Assert.Null(await leases.ClaimAsync("a", T0, Lease, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Claim_NotBeforeNextAttemptAt(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var leases = new AlertLeases(s.Dialect);
        var id = await s.EnqueueAsync("retry", T0);
        await s.ExecuteAsync("UPDATE alerts SET next_attempt_at = @at WHERE id = @id", new { id, at = T0.AddSeconds(10).ToStored() });

        Assert.Null(await leases.ClaimAsync("a", T0.AddSeconds(9.999), Lease, Ct));
        Assert.Equal(id, (await leases.ClaimAsync("a", T0.AddSeconds(10), Lease, Ct))?.Id);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Claim_TakesTheEarliestDueFirst(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var leases = new AlertLeases(s.Dialect);
        var first = await s.EnqueueAsync("first", T0);
        var second = await s.EnqueueAsync("second", T0);
        await s.ExecuteAsync("UPDATE alerts SET next_attempt_at = @at WHERE id = @first", new { first, at = T0.AddSeconds(1).ToStored() });

        Assert.Equal(second, (await leases.ClaimAsync("a", T0.AddSeconds(1), Lease, Ct))?.Id);
        Assert.Equal(first, (await leases.ClaimAsync("a", T0.AddSeconds(1), Lease, Ct))?.Id);
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Claim_LeavesAnUnexpiredLease_AndTakesAnExpiredOne(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var leases = new AlertLeases(s.Dialect);
        var id = await s.EnqueueAsync("x", T0);
        Assert.Equal(id, (await leases.ClaimAsync("a", T0, Lease, Ct))?.Id);

        Assert.Null(await leases.ClaimAsync("b", T0 + Lease - TimeSpan.FromMilliseconds(1), Lease, Ct));
        Assert.Null(await leases.ClaimAsync("b", T0 + Lease, Lease, Ct)); // the lease runs to its last millisecond
        Assert.Equal(id, (await leases.ClaimAsync("b", T0 + Lease + TimeSpan.FromMilliseconds(1), Lease, Ct))?.Id);
        Assert.Equal("b", await s.ScalarAsync<string>("SELECT lease_owner FROM alerts WHERE id = @id", new { id }));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task ReleaseAll_GivesBackThatOwnersAlerts_Only(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var leases = new AlertLeases(s.Dialect);
        var mine = await s.EnqueueAsync("mine", T0);
        var theirs = await s.EnqueueAsync("theirs", T0);
        Assert.Equal(mine, (await leases.ClaimAsync("a", T0, Lease, Ct))?.Id);
        Assert.Equal(theirs, (await leases.ClaimAsync("b", T0, Lease, Ct))?.Id);

        await leases.ReleaseAllAsync("a", Ct);

        Assert.Equal(mine, (await leases.ClaimAsync("c", T0, Lease, Ct))?.Id);
        Assert.Null(await leases.ClaimAsync("c", T0, Lease, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task MarkSending_FailsWhenTheLeaseWasLost(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var leases = new AlertLeases(s.Dialect);
        var id = await s.EnqueueAsync("x", T0);
        var a = (await leases.ClaimAsync("a", T0, Lease, Ct))!;
        var expired = T0 + Lease + TimeSpan.FromSeconds(1);

        Assert.False(await leases.MarkSendingAsync(a, expired, Lease, Ct)); // ran out, even before anyone took it
        var b = (await leases.ClaimAsync("b", expired, Lease, Ct))!;
        Assert.False(await leases.MarkSendingAsync(a, expired, Lease, Ct));
        Assert.True(await leases.MarkSendingAsync(b, expired, Lease, Ct));
        Assert.Equal(expired.ToStored(), await s.ScalarAsync<long>("SELECT in_doubt_since FROM alerts WHERE id = @id", new { id }));
        Assert.Equal((expired + Lease).ToStored(), await s.ScalarAsync<long>("SELECT lease_until FROM alerts WHERE id = @id", new { id }));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Record_FailsForAForeignOwner_AndWorksForTheHolder(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var leases = new AlertLeases(s.Dialect);
        var recorder = new AttemptRecorder(s.Dialect);
        await s.EnqueueAsync("x", T0);
        var alert = (await leases.ClaimAsync("a", T0, Lease, Ct))!;

        Assert.False(await recorder.RecordAsync(alert, "b", Sent(), T0, Ct));
        Assert.Equal(AlertStates.Pending, await StateAsync(s, alert.Id));

        Assert.True(await recorder.RecordAsync(alert, "a", Sent(), T0, Ct));
        Assert.Equal(AlertStates.Sent, await StateAsync(s, alert.Id));
        Assert.Null(await s.ScalarAsync<string?>("SELECT lease_owner FROM alerts WHERE id = @id", new { id = alert.Id }));
        Assert.Equal(1, await s.ScalarAsync<long>("SELECT COUNT(*) FROM audit WHERE alert_id = @id AND kind = 'attempt'", new { id = alert.Id }));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Record_TheSameOwnerClaimedItAgain_TheEarlierClaimMayWriteNothing(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var leases = new AlertLeases(s.Dialect);
        var recorder = new AttemptRecorder(s.Dialect);
        await s.EnqueueAsync("x", T0);
        var first = (await leases.ClaimAsync("a", T0, Lease, Ct))!;
        var later = T0 + Lease + TimeSpan.FromMilliseconds(1);

        var second = (await leases.ClaimAsync("a", later, Lease, Ct))!; // the same process, once its first lease ran out

        Assert.Equal(first.Id, second.Id);
        Assert.False(await leases.MarkSendingAsync(first, later, Lease, Ct));
        Assert.False(await leases.RenewAsync(first, later, Lease, Ct));
        Assert.False(await recorder.RecordAsync(first, "a", Sent(), later, Ct));
        Assert.Equal(AlertStates.Pending, await StateAsync(s, first.Id));
        Assert.True(await recorder.RecordAsync(second, "a", Sent(), later, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Record_RefusesAStateTheTransitionTableDoesNotAllow(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var leases = new AlertLeases(s.Dialect);
        await s.EnqueueAsync("x", T0);
        var alert = (await leases.ClaimAsync("a", T0, Lease, Ct))!;
        await s.ExecuteAsync("UPDATE alerts SET state = 'delivered' WHERE id = @id", new { id = alert.Id }); // not as any code does

        Assert.False(await new AttemptRecorder(s.Dialect).RecordAsync(alert, "a", Sent(), T0, Ct)); // delivered -> sent
        Assert.Equal(AlertStates.Delivered, await StateAsync(s, alert.Id));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task StatusCallback_KeepsTheStateWhenTheTableRefusesTheMove(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var id = await s.EnqueueAsync("x", T0);
        await s.ExecuteAsync("UPDATE alerts SET message_sid = 'SMx' WHERE id = @id", new { id }); // pending, yet known to Twilio

        var result = await new DeliveryEvents(s.Dialect, s.Protector).RecordAsync(
            new StatusCallback("SMx", "delivered", null, new Dictionary<string, string>()), T0, Ct);

        Assert.True(result.Applied); // the delivery status is recorded...
        Assert.Equal("delivered", await s.ScalarAsync<string>("SELECT delivery_status FROM alerts WHERE id = @id", new { id }));
        Assert.Equal(AlertStates.Pending, await StateAsync(s, id)); // ...but pending -> delivered is not a transition
    }

    [Fact]
    public async Task TwoConcurrentClaimers_OnPostgres_NeverGetTheSameAlert()
    {
        const int count = 40;
        await using var s = await TestStore.CreateAsync("postgres");
        for (var i = 0; i < count; i++)
        {
            await s.EnqueueAsync($"po-{i}", T0);
        }

        var leases = new AlertLeases(s.Dialect);
        var claimed = new System.Collections.Concurrent.ConcurrentBag<(string Owner, long Id)>();
        async Task ClaimUntilNoneLeftAsync(string owner)
        {
            // SKIP LOCKED may answer "none" while the other claimer holds the last rows; stop only once all are taken.
            for (var i = 0; i < count * 4 && claimed.Count < count; i++)
            {
                if (await leases.ClaimAsync(owner, T0, TimeSpan.FromHours(1), Ct) is { } alert)
                {
                    claimed.Add((owner, alert.Id));
                }
            }
        }

        await Task.WhenAll(Task.Run(() => ClaimUntilNoneLeftAsync("a"), Ct), Task.Run(() => ClaimUntilNoneLeftAsync("b"), Ct));

        Assert.Equal(count, claimed.Count);
        Assert.Equal(count, claimed.Select(c => c.Id).Distinct().Count());
        Assert.Equal(count, await s.ScalarAsync<long>("SELECT COUNT(*) FROM alerts WHERE lease_owner IS NOT NULL"));
    }

    private static AttemptOutcome Sent() =>
        new(AlertStates.Sent, 1, null, "SM1", null, null, null, "attempt", "{}");

    private static Task<string> StateAsync(TestStore s, long id) =>
        s.ScalarAsync<string>("SELECT state FROM alerts WHERE id = @id", new { id });
}
