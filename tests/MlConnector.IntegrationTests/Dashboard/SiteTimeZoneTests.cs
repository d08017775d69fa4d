using MlConnector.IntegrationTests.Infrastructure;

namespace MlConnector.IntegrationTests.Dashboard;

/// <summary><c>Site:TimeZone</c> is the clock the dashboard shows times on, and the days its filters name.</summary>
public sealed class SiteTimeZoneTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AlertsPage_SiteInKolkata_ShowsTimesOnTheSiteClockAndFiltersBySiteDays()
    {
        // 23:00 UTC on 1 March is 04:30 on 2 March in Kolkata.
        using var host = new TestHostBuilder().UseClock(TestClock.At(new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero)))
            .WithOneRuleNotPolled("+15550100001").With("Site:TimeZone", "Asia/Kolkata");
        await using var app = await host.StartAsync();
        await OperatorSeed.AlertAsync(app.Services, "+15550100001");
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var page = System.Net.WebUtility.HtmlDecode(await http.GetStringAsync(new Uri("/alerts", UriKind.Relative), Ct));
        var secondOfMarch = await http.GetStringAsync(new Uri("/alerts?from=2026-03-02&to=2026-03-02", UriKind.Relative), Ct);
        var firstOfMarch = await http.GetStringAsync(new Uri("/alerts?from=2026-03-01&to=2026-03-01", UriKind.Relative), Ct);

        Assert.Contains("2026-03-02 04:30:00+05:30", page, StringComparison.Ordinal);
        // The site's clock on the page, UTC only when hovered (the title).
        Assert.Contains("title=\"2026-03-01 23:00:00 UTC\">2026-03-02 04:30:00+05:30</time>", page, StringComparison.Ordinal);
        Assert.Contains("times in Asia/Kolkata", page, StringComparison.Ordinal);
        Assert.Contains("PO-000123", secondOfMarch, StringComparison.Ordinal);
        Assert.DoesNotContain("PO-000123", firstOfMarch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownSiteTimeZone_FailsNamingTheSettingAndTheValue()
    {
        using var host = new TestHostBuilder().WithOneRuleNotPolled("+15550100001").With("Site:TimeZone", "Europe/Berln");

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await host.StartAsync()).DisposeAsync());

        Assert.Contains("Site:TimeZone: 'Europe/Berln' is not a time zone", error.ToString(), StringComparison.Ordinal);
    }
}
