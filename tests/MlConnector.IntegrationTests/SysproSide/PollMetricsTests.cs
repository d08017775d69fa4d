using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>/metrics when instances share a database: each instance counts the polls it ran (not those of the others,
/// whose runs are in the same poll_runs table), and an instance started later counts none of the earlier ones.</summary>
public sealed class PollMetricsTests
{
    private const string Polls = "mlc_poll_duration_seconds_count";
    private const string Rows = "mlc_poll_rows_total";

    [Fact]
    public async Task TwoInstances_EachCountsThePollsItRan_SumOverInstancesIsEveryPollOnce()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var a = await SysproSideHarness.StartAsync(SysproTransport.OData, purchaseOrders: 200,
            postgresConnectionString: database.ConnectionString);
        await using var b = await SysproSideHarness.StartAsync(SysproTransport.OData, postgresConnectionString: database.ConnectionString,
            sharing: a);

        await a.PollAsync(RulePresets.PoSubmitted);
        await a.PollAsync(RulePresets.InvoicePosted);
        await b.PollAsync(RulePresets.PoApproved);
        Assert.Equal(a.PollerInstance, (await b.PollAsync(RulePresets.PoSubmitted)).HeldBy); // skipped: not a poll
        a.Simulator.Data.SubmitPurchaseOrder(a.Simulator.Data.PurchaseOrdersInStatus("0").First().PurchaseOrder);
        a.Time.Advance(TimeSpan.FromMinutes(1));
        await a.PollAsync(RulePresets.PoSubmitted);
        await b.PollAsync(RulePresets.RequisitionApproved);
        var (metricsA, metricsB) = (await ScrapeAsync(a), await ScrapeAsync(b));
        var runs = await RunsAsync(a);

        Assert.Equal(5, runs.Sum(r => r.Polls));
        Assert.Equal(runs.Sum(r => r.Polls), metricsA.Sum(Polls) + metricsB.Sum(Polls));
        Assert.Equal(runs.Sum(r => r.Rows), metricsA.Sum(Rows) + metricsB.Sum(Rows));
        Assert.True(runs.Sum(r => r.Rows) > 0);
        Assert.Equal((3, runs.Single(r => r.Instance == a.PollerInstance).Rows), (metricsA.Sum(Polls), metricsA.Sum(Rows)));
        Assert.Equal((2, runs.Single(r => r.Instance == b.PollerInstance).Rows), (metricsB.Sum(Polls), metricsB.Sum(Rows)));
        Assert.Equal(new HashSet<string> { a.PollerInstance }, metricsA.LabelValues(Polls, "service_instance_id"));

        // An instance that starts now (or a restart) has polled nothing yet, whatever poll_runs holds.
        await using var c = await SysproSideHarness.StartAsync(SysproTransport.OData, postgresConnectionString: database.ConnectionString,
            sharing: a);
        var metricsC = await ScrapeAsync(c);
        Assert.Equal((0, 0), (metricsC.Sum(Polls), metricsC.Sum(Rows)));
    }

    /// <summary>Takes the gauges' sample (as the 15-second timer would), then reads /metrics.</summary>
    private static async Task<PrometheusText> ScrapeAsync(SysproSideHarness h)
    {
        await h.App.Services.GetRequiredService<Telemetry.MetricsSampler>().SampleAsync(TestContext.Current.CancellationToken);
        return await PrometheusText.ScrapeAsync(new Uri(h.App.Urls.First()));
    }

    private static async Task<List<(string Instance, double Polls, double Rows)>> RunsAsync(SysproSideHarness h)
    {
        await using var connection = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<(string, long, long)>(
                "SELECT instance_id, COUNT(*), CAST(SUM(rows_read) AS BIGINT) FROM poll_runs GROUP BY instance_id"))
            .Select(r => (r.Item1, (double)r.Item2, (double)r.Item3)).ToList();
    }
}
