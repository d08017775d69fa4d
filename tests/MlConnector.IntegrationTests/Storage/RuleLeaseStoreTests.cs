using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Detection;
using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Storage;

/// <summary>The rule leases' SQL itself, on both dialects: one instance polls a rule at a time.</summary>
public sealed class RuleLeaseStoreTests
{
    private static readonly TimeSpan Cadence = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LeaseFor = Cadence + Grace;

    private static readonly RuleDefinition Rule = new()
    {
        Id = "po-approved", Description = "test", Company = "default", Transport = SysproTransport.OData,
        Table = "PorMasterHdr", KeyColumns = ["PurchaseOrder"], StatusColumn = "OrderStatus", Columns = [],
        Transitions = [new TransitionSpec("0", "1", false)], Filter = [], Watermark = WatermarkKind.None,
        WatermarkOverlap = TimeSpan.Zero, Cadence = Cadence, Enrich = [], Template = "x", Recipients = new RecipientRuleOptions(),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Acquire_TakesAFreeRule_AndRenewsItsOwnLease(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var time = NewClock();
        var a = Leases(s, "a", time);

        Assert.Null(await a.TryAcquireAsync(Rule, Ct));
        Assert.Equal((time.GetUtcNow() + LeaseFor).ToStored(), await LeaseUntilAsync(s));
        time.Advance(Cadence);
        Assert.Null(await a.TryAcquireAsync(Rule, Ct));
        Assert.Equal((time.GetUtcNow() + LeaseFor).ToStored(), await LeaseUntilAsync(s));
        Assert.Equal("a", await OwnerAsync(s));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Acquire_WithMoreThanHalfTheLeaseLeft_DoesNotWriteIt_AndWritesItPastHalf(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var time = NewClock();
        var a = Leases(s, "a", time);
        Assert.Null(await a.TryAcquireAsync(Rule, Ct));
        var written = await LeaseUntilAsync(s);

        time.Advance(LeaseFor / 2 - TimeSpan.FromSeconds(1));
        Assert.Null(await a.TryAcquireAsync(Rule, Ct));
        Assert.Equal(written, await LeaseUntilAsync(s)); // a poll every few seconds does not write its lease each time

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await a.TryAcquireAsync(Rule, Ct));
        Assert.Equal((time.GetUtcNow() + LeaseFor).ToStored(), await LeaseUntilAsync(s));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Acquire_AfterAConfirmation_CountsFromTheConfirmation(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var time = NewClock();
        var a = Leases(s, "a", time);
        await a.TryAcquireAsync(Rule, Ct);
        time.Advance(LeaseFor / 2 + TimeSpan.FromSeconds(1));
        await ConfirmInAPollAsync(s, a);

        var confirmed = await LeaseUntilAsync(s);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await a.TryAcquireAsync(Rule, Ct));
        Assert.Equal(confirmed, await LeaseUntilAsync(s));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task RenewHeld_ExtendsTheLeasesItStillHolds_NotOneAnotherInstanceTook(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var time = NewClock();
        var (a, b) = (Leases(s, "a", time), Leases(s, "b", time));
        var other = Rule with { Id = "po-submitted" };
        await a.TryAcquireAsync(Rule, Ct);
        await a.TryAcquireAsync(other, Ct);
        time.Advance(LeaseFor + TimeSpan.FromSeconds(1));
        Assert.Null(await b.TryAcquireAsync(other, Ct)); // a's lease ran out: b takes po-submitted over

        await a.RenewHeldAsync(Ct);

        Assert.Equal((time.GetUtcNow() + LeaseFor).ToStored(), await LeaseUntilAsync(s));
        Assert.Equal("b", await s.ScalarAsync<string?>("SELECT lease_owner FROM rule_state WHERE rule_id = @Id", new { other.Id }));
        Assert.Equal("b", await a.TryAcquireAsync(other, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Acquire_NamesTheHolder_UntilItsLeaseRunsOut_ThenTakesOver(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var time = NewClock();
        var (a, b) = (Leases(s, "a", time), Leases(s, "b", time));
        await a.TryAcquireAsync(Rule, Ct);

        time.Advance(LeaseFor);
        Assert.Equal("a", await b.TryAcquireAsync(Rule, Ct)); // the lease runs to its last millisecond
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await b.TryAcquireAsync(Rule, Ct));
        Assert.Equal("b", await OwnerAsync(s));
        Assert.Equal("b", await a.TryAcquireAsync(Rule, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Acquire_AnotherProcessUnderTheSameInstanceId_CannotTakeAHeldRule(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var time = NewClock();
        var (first, copy) = (Leases(s, "site-1", time), Leases(s, "site-1", time)); // a copied settings file

        Assert.Null(await first.TryAcquireAsync(Rule, Ct));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("site-1", await copy.TryAcquireAsync(Rule, Ct));
        await using var connection = await s.Dialect.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await Assert.ThrowsAsync<LeaseLostException>(() => copy.ConfirmAsync(connection, transaction, Rule, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Confirm_InsideThePollsTransaction_ExtendsAHeldLease(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var time = NewClock();
        var a = Leases(s, "a", time);
        await a.TryAcquireAsync(Rule, Ct);
        time.Advance(TimeSpan.FromMinutes(2));

        await ConfirmInAPollAsync(s, a);

        Assert.Equal((time.GetUtcNow() + LeaseFor).ToStored(), await LeaseUntilAsync(s));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task Confirm_ThrowsWhenAnotherInstanceTookTheRuleOver(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var time = NewClock();
        var (a, b) = (Leases(s, "a", time), Leases(s, "b", time));
        await a.TryAcquireAsync(Rule, Ct);
        time.Advance(LeaseFor + TimeSpan.FromSeconds(1));
        await b.TryAcquireAsync(Rule, Ct);

        await using var connection = await s.Dialect.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await Assert.ThrowsAsync<LeaseLostException>(() => a.ConfirmAsync(connection, transaction, Rule, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Both), MemberType = typeof(TestStore))]
    public async Task ReleaseAll_LetsAnotherInstanceTakeTheRuleAtOnce(string store)
    {
        await using var s = await TestStore.CreateAsync(store);
        var time = NewClock();
        var (a, b) = (Leases(s, "a", time), Leases(s, "b", time));
        await a.TryAcquireAsync(Rule, Ct);

        await b.ReleaseAllAsync(Ct); // b holds nothing: a keeps its lease
        Assert.Equal("a", await b.TryAcquireAsync(Rule, Ct));
        await a.ReleaseAllAsync(Ct);

        Assert.Null(await b.TryAcquireAsync(Rule, Ct));
        Assert.Equal("b", await OwnerAsync(s));
    }

    /// <summary>A poll's confirmation, in its own committed transaction.</summary>
    private static async Task ConfirmInAPollAsync(TestStore s, RuleLeases leases)
    {
        await using var connection = await s.Dialect.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await leases.ConfirmAsync(connection, transaction, Rule, Ct);
        await transaction.CommitAsync(Ct);
    }

    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private static RuleLeases Leases(TestStore s, string instance, TimeProvider time)
    {
        var options = Options.Create(new PollingOptions { InstanceId = instance, LeaseDuration = LeaseFor });
        return new RuleLeases(s.Dialect, new PollTracker(options), options, time);
    }

    private static Task<string?> OwnerAsync(TestStore s) =>
        s.ScalarAsync<string?>("SELECT lease_owner FROM rule_state WHERE rule_id = @Id", new { Rule.Id });

    private static Task<long> LeaseUntilAsync(TestStore s) =>
        s.ScalarAsync<long>("SELECT lease_until FROM rule_state WHERE rule_id = @Id", new { Rule.Id });
}
