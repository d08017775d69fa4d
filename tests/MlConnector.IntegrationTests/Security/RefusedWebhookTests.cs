using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.RegularExpressions;
using MlConnector.Access;

namespace MlConnector.IntegrationTests.Security;

/// <summary>Refused webhooks are counted (a metric), summed into at most one audit line per source per minute, and
/// throttled per source; a validly signed request is never throttled.</summary>
[Collection(nameof(RunsAlone))]
public sealed partial class RefusedWebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FloodOfForgedWebhooks_CountedThrottledAndAuditedOncePerMinute()
    {
        await using var host = await SecurityHost.StartAsync(SecurityHost.WithTwilioToken);
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM00000000000000000000000000000001", ["MessageStatus"] = "delivered" };
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 40; i++)
        {
            using var forged = await host.PostWebhookAsync("/webhooks/twilio/status", form, token: "not-the-token");
            statuses.Add(forged.StatusCode);
        }

        using var valid = await host.PostWebhookAsync("/webhooks/twilio/status", form);

        Assert.Equal(HttpStatusCode.Forbidden, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests, $"{s}"));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        var audit = (await host.AuditAsync()).Where(a => a.Kind == "forged-webhook").ToList();
        Assert.Single(audit);
        Assert.Equal(40, await RefusedMetricAsync(host));

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var afterAMinute = await host.PostWebhookAsync("/webhooks/twilio/status", form, token: "not-the-token");

        Assert.Equal(HttpStatusCode.Forbidden, afterAMinute.StatusCode);
        audit = [.. (await host.AuditAsync()).Where(a => a.Kind == "forged-webhook")];
        Assert.Equal(2, audit.Count);
        Assert.Contains("\"refused\":40", audit[1].Detail, StringComparison.Ordinal);
    }

    private static async Task<long> RefusedMetricAsync(SecurityHost host)
    {
        var key = await host.App.Services.GetRequiredService<ApiKeyStore>().CreateAsync("scraper", OperatorRoles.Viewer, Ct);
        using var http = new HttpClient { BaseAddress = host.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var text = await http.GetStringAsync("/metrics", Ct);
        return RefusedLine().Matches(text).Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^mlc_webhooks_refused_total(?:\{[^}]*\})? (\d+)", RegexOptions.Multiline)]
    private static partial Regex RefusedLine();
}
