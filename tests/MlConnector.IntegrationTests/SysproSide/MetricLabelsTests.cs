using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Rules;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>/metrics after a poll and the texts it sent (one of them tried twice), as Prometheus reads it: the
/// histograms' buckets are seconds sized for what they measure (not OpenTelemetry's default 0, 5, 10, 25, ... where
/// every poll lands in the first), every series of a poll or a send says which rule and company it is about, and the
/// sample Grafana dashboard asks only for series that /metrics serves.</summary>
public sealed partial class MetricLabelsTests
{
    private static readonly string[] PollBounds = ["0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "120", "+Inf"];
    private static readonly string[] SendBounds =
        ["0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "120", "300", "600", "1800", "3600", "14400", "+Inf"];

    [Fact]
    public async Task PollThatSends_Scraped_HasSecondsBucketsLabelledByRuleAndCompany()
    {
        await using var h = await SysproSideHarness.StartAsync(SysproTransport.OData, withTwilio: true);

        var metrics = await ScrapeAfterAPollThatSendsAsync(h);

        (string, string)[] rule = [("rule", RulePresets.PoSubmitted), ("company", h.Rule(RulePresets.PoSubmitted).Company)];
        Assert.Equal(2, metrics.Sum("mlc_poll_duration_seconds_count", rule));
        Assert.Equal(PollBounds.Order(), metrics.LabelValues("mlc_poll_duration_seconds_bucket", "le").Order());
        Assert.True(metrics.Has("mlc_poll_duration_seconds_bucket", [.. rule, ("le", "0.1")]), metrics.Text);
        Assert.True(metrics.Sum("mlc_poll_rows_total", rule) > 0, metrics.Text);
        Assert.Equal(SendBounds.Order(), metrics.LabelValues("mlc_send_latency_seconds_bucket", "le").Order());
        Assert.Equal((2, 1), (metrics.Sum("mlc_send_latency_seconds_count", [.. rule, ("state", "sent")]),
            metrics.Sum("mlc_send_latency_seconds_count", [.. rule, ("state", "pending")])));
        Assert.Equal(1, metrics.Sum("mlc_send_retries_total", rule));
        Assert.Equal(new HashSet<string> { RulePresets.PoSubmitted }, metrics.LabelValues("mlc_poll_duration_seconds_count", "rule"));
    }

    [Fact]
    public async Task GrafanaSample_AsksOnlyForSeriesMetricsServes()
    {
        var dashboard = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "grafana", "ml-connector.json"),
            TestContext.Current.CancellationToken);
        await using var h = await SysproSideHarness.StartAsync(SysproTransport.OData, withTwilio: true);

        var metrics = await ScrapeAfterAPollThatSendsAsync(h);

        var asked = MetricName().Matches(dashboard).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("mlc_poll_duration_seconds_bucket", asked);
        Assert.All(asked, name => Assert.True(metrics.Has(name), $"{name} is not on /metrics:\n{metrics.Text}"));
    }

    /// <summary>The baseline poll, then a poll that finds one submitted order and texts its two approvers (Twilio
    /// refuses the first request once: it is tried again), a webhook without Twilio's signature, and the gauges'
    /// sample; then /metrics.</summary>
    private static async Task<PrometheusText> ScrapeAfterAPollThatSendsAsync(SysproSideHarness h)
    {
        var ct = TestContext.Current.CancellationToken;
        h.Twilio!.Faults.Enqueue(new TwilioFault(TwilioFaultKind.ServiceUnavailableJson));
        await h.PollAsync(RulePresets.PoSubmitted);
        h.Simulator.Data.SubmitPurchaseOrder(h.Simulator.Data.PurchaseOrdersInStatus("0").First().PurchaseOrder);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.PollAsync(RulePresets.PoSubmitted);
        await h.DriveUntilAsync(async () => (await h.AlertsAsync(RulePresets.PoSubmitted)) is { Count: 2 } alerts
            && alerts.All(a => a.State is AlertStates.Sent or AlertStates.Delivered));
        using var http = new HttpClient { BaseAddress = new Uri(h.App.Urls.First()) };
        using var forged = await http.PostAsync(new Uri("/webhooks/twilio/status", UriKind.Relative), new FormUrlEncodedContent([]), ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forged.StatusCode);
        await h.App.Services.GetRequiredService<Telemetry.MetricsSampler>().SampleAsync(ct);
        return await PrometheusText.ScrapeAsync(new Uri(h.App.Urls.First()));
    }

    [GeneratedRegex(@"\bmlc_[a-z_]+")]
    private static partial Regex MetricName();
}
