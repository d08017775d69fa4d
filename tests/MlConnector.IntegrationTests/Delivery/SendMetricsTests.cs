using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Detection;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>/metrics when instances share a database: each instance counts the sends it made, a restarted instance
/// counts nothing from before it started, and the queue's gauges are reported by one instance only, so a Prometheus
/// sum() over the instances is the truth.</summary>
public sealed class SendMetricsTests
{
    private const string Latency = "mlc_send_latency_seconds_count";
    private const string Retries = "mlc_send_retries_total";

    [Fact]
    public async Task TwoInstances_EachCountsTheSendsItMade_SumOverInstancesIsEverySendOnce()
    {
        const int count = 200;
        var simulator = new TwilioSimulatorOptions { MessagesPerSecond = 50, SentDelay = TimeSpan.FromDays(1), DeliveredDelay = TimeSpan.FromDays(2) };
        await using var a = await DeliveryHarness.StartAsync(DeliveryStore.Postgres, simulator,
            ("Twilio:MessagesPerSecond", "50"), ("Outbox:MaxConcurrency", "8"));
        await using var b = await a.AddInstanceAsync();
        a.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.ServiceUnavailableJson), 6); // six sends are retried
        await a.EnqueueManyAsync(Enumerable.Range(0, count).Select(i => ($"+1555706{i:0000}", $"PO {i} approved", $"po-{i}")));
        b.Activity.Wake();

        await ScaleOutTests.DriveAsync([a, b], async () => await a.CountAsync(AlertStates.Sent) == count, TimeSpan.FromMilliseconds(100), 1000);
        var (metricsA, metricsB) = (await ScrapeAsync(a), await ScrapeAsync(b));

        var requests = a.Simulator.CreateRequests.Count;
        Assert.Equal(count + 6, requests);
        Assert.Equal(requests, metricsA.Sum(Latency) + metricsB.Sum(Latency));
        Assert.Equal(6, metricsA.Sum(Retries) + metricsB.Sum(Retries));
        Assert.Equal((Attempts(a), Attempts(b)), ((int)metricsA.Sum(Latency), (int)metricsB.Sum(Latency)));
        Assert.Equal(new HashSet<string> { InstanceId(a) }, metricsA.LabelValues(Latency, "service_instance_id"));
        Assert.Equal(new HashSet<string> { InstanceId(b) }, metricsB.LabelValues(Latency, "service_instance_id"));
    }

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Restart_CountsOnlyTheSendsMadeSinceItStarted(DeliveryStore store)
    {
        // Callbacks far in the future: the alerts stay "sent".
        await using var h = await DeliveryHarness.StartAsync(store,
            new TwilioSimulatorOptions { SentDelay = TimeSpan.FromDays(1), DeliveredDelay = TimeSpan.FromDays(2) });
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.ServiceUnavailableJson));
        var before = await h.EnqueueManyAsync(Enumerable.Range(0, 3).Select(i => ($"+1555707{i:0000}", $"PO {i} approved", $"po-{i}")));
        await h.DriveUntilAsync(async () => await h.CountAsync(AlertStates.Sent) == before.Count, TimeSpan.FromMilliseconds(500));

        await h.StopConnectorAsync();
        await h.StartConnectorAsync();
        await h.EnqueueAsync("+15557079999", "PO 9 approved", "po-9");
        await h.DriveUntilAsync(async () => await h.CountAsync(AlertStates.Sent) == before.Count + 1, TimeSpan.FromMilliseconds(500));
        var metrics = await ScrapeAsync(h);

        Assert.Equal(before.Count + 2, h.Simulator.CreateRequests.Count); // one was retried before the restart
        Assert.Equal((1, 0), (metrics.Sum(Latency), metrics.Sum(Retries)));
    }

    [Fact]
    public async Task TwoInstances_QueueGauges_ReportedOnceByTheEldestInstance_SumIsTheQueue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var a = await DeliveryHarness.StartAsync(DeliveryStore.Postgres);
        a.Time.Advance(TimeSpan.FromSeconds(1));
        await using var b = await a.AddInstanceAsync();
        // Due tomorrow: they stay in the queue while the test looks; six of them failed once before.
        await a.EnqueueManyAsync(Enumerable.Range(0, 7).Select(i => ($"+1555708{i:0000}", $"PO {i} approved", $"po-{i}")),
            async (c, t) =>
            {
                await c.ExecuteAsync("UPDATE alerts SET next_attempt_at = next_attempt_at + 86400000", transaction: t);
                await c.ExecuteAsync("UPDATE alerts SET attempts = 1 WHERE source_key <> 'po-0'", transaction: t);
            });

        var (metricsA, metricsB) = (await ScrapeAsync(a), await ScrapeAsync(b));

        Assert.Equal(7, metricsA.Sum("mlc_queue_depth") + metricsB.Sum("mlc_queue_depth"));
        Assert.Equal(7, metricsA.Sum("mlc_alerts", ("state", "pending")) + metricsB.Sum("mlc_alerts", ("state", "pending")));
        Assert.Equal(6, metricsA.Sum("mlc_alerts_awaiting_retry") + metricsB.Sum("mlc_alerts_awaiting_retry"));
        // Exactly one instance reports them: the one that started first, while it runs.
        Assert.True(metricsA.Has("mlc_queue_depth"));
        Assert.False(metricsB.Has("mlc_queue_depth") || metricsB.Has("mlc_alerts") || metricsB.Has("mlc_alerts_awaiting_retry"),
            metricsB.Text);
        var registryB = b.App.Services.GetRequiredService<InstanceRegistry>();
        Assert.False(await registryB.IsEldestLiveAsync(ct));
        await a.StopConnectorAsync();
        Assert.True(await registryB.IsEldestLiveAsync(ct));
    }

    /// <summary>Takes the gauges' sample (as the 15-second timer would), then reads /metrics.</summary>
    private static async Task<PrometheusText> ScrapeAsync(DeliveryHarness h)
    {
        await h.App.Services.GetRequiredService<Telemetry.MetricsSampler>().SampleAsync(TestContext.Current.CancellationToken);
        return await PrometheusText.ScrapeAsync(h.ConnectorAddress);
    }

    private static string InstanceId(DeliveryHarness h) => h.App.Services.GetRequiredService<PollTracker>().InstanceId;

    private static int Attempts(DeliveryHarness h) => h.Logs.Count(l => l.Id.Id == 3001);
}
