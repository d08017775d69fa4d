using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Detection;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>Two connector instances sharing one database poll the same rules: one instance at a time per rule,
/// exactly one alert per event, and a takeover when the holder stops.</summary>
public sealed class TwoInstanceTests
{
    private static Dictionary<string, string?> Settings(string instance) => new()
    {
        ["Polling:Enabled"] = "true",
        ["Polling:StartJitter"] = "00:00:00",
        ["Polling:LeaseDuration"] = "00:01:30",
        ["Polling:InstanceId"] = instance,
        ["Rules:po-submitted:Cadence"] = "00:01:00",
        ["Rules:po-approved:Enabled"] = "false",
        ["Rules:invoice-posted:Enabled"] = "false",
        ["Rules:requisition-approved:Enabled"] = "false",
    };

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TwoInstances_SimulatedHour_OneAlertPerEventAndTakeoverWhenTheHolderStops(string store)
    {
        await using var database = store == "postgres" ? await PostgresTestDatabase.CreateAsync() : null;
        var ct = TestContext.Current.CancellationToken;
        var first = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: Settings("instance-a"),
            postgresConnectionString: database?.ConnectionString);
        await using var second = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: Settings("instance-b"),
            postgresConnectionString: database?.ConnectionString, sharing: first);
        var instances = new List<SysproSideHarness> { first, second };
        var submitted = new List<string>();
        try
        {
            await WaitForPollAsync(instances, 1, ct);
            for (var minute = 1; minute <= 60; minute++)
            {
                if (minute % 3 == 0)
                {
                    var po = first.Simulator.Data.PurchaseOrdersInStatus("0").First().PurchaseOrder;
                    first.Simulator.Data.SubmitPurchaseOrder(po);
                    submitted.Add(po.Trim());
                }

                if (minute == 30)
                {
                    // Stop whichever instance holds the rule now; the other must carry on alone.
                    var holder = await HolderAsync(first);
                    var stopping = instances.Single(i => i.PollerInstance == holder);
                    instances.Remove(stopping);
                    await stopping.App.StopAsync(ct);
                }

                first.Time.Advance(TimeSpan.FromMinutes(1));
                await WaitForPollAsync(instances, minute + 1, ct);
            }

            var alerts = await first.AlertsAsync(RulePresets.PoSubmitted);
            Assert.Equal(submitted.Count * 2, alerts.Count);
            Assert.Equal(submitted.Order(), alerts.Select(a => a.SourceKey).Distinct().Order());
            Assert.Equal(instances.Single().PollerInstance, await HolderAsync(first));
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    private static async Task<string?> HolderAsync(SysproSideHarness harness)
    {
        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<string?>("SELECT lease_owner FROM rule_state WHERE rule_id = 'po-submitted'");
    }

    private static async Task WaitForPollAsync(IEnumerable<SysproSideHarness> instances, int count, CancellationToken ct)
    {
        var trackers = instances.Select(i => i.App.Services.GetRequiredService<PollTracker>()).ToList();
        try
        {
            await Task.WhenAll(trackers.Select(t => t.WaitForPollsAsync(RulePresets.PoSubmitted, count, ct))).WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"waiting for poll {count}: " + string.Join("; ", trackers.Select(t =>
                $"{t.InstanceId} made {t.CountOf(RulePresets.PoSubmitted)} (last: held by {t.Last.GetValueOrDefault(RulePresets.PoSubmitted)?.HeldBy ?? "nobody"}, error {t.Last.GetValueOrDefault(RulePresets.PoSubmitted)?.Error ?? "none"})")));
        }
    }
}

public sealed class RuleLeaseTests
{
    [Fact]
    public async Task Lease_HolderStopsRenewing_AnotherInstanceTakesOverAfterOneLeasePeriod()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?> { ["Polling:LeaseDuration"] = "00:06:00" };
        await using var first = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: settings);
        await using var second = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: settings, sharing: first);
        var rule = first.Rule(RulePresets.PoSubmitted);
        var leasesA = first.App.Services.GetRequiredService<RuleLeases>();
        var leasesB = second.App.Services.GetRequiredService<RuleLeases>();

        Assert.Null(await leasesA.TryAcquireAsync(rule, ct));
        Assert.Equal(first.PollerInstance, await leasesB.TryAcquireAsync(rule, ct));

        first.Time.Advance(leasesA.LeaseFor(rule) - TimeSpan.FromSeconds(1));
        Assert.Equal(first.PollerInstance, await leasesB.TryAcquireAsync(rule, ct));

        first.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await leasesB.TryAcquireAsync(rule, ct));

        // The old holder, coming back, sees the new holder and skips its poll.
        var late = await first.Poller.PollAsync(rule, ct);
        Assert.Equal(second.PollerInstance, late.HeldBy);
    }
}
