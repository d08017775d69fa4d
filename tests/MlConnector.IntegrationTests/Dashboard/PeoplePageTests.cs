namespace MlConnector.IntegrationTests.Dashboard;

/// <summary>The People page: each person's clock, quiet hours (and whether they are in them now), skipped rules and
/// the rules that text them (issue 16, "viewable on the dashboard").</summary>
public sealed class PeoplePageTests
{
    [Fact]
    public async Task ThePeoplePage_ShowsQuietHoursOnThePersonsClock_AndTheRulesTheySkip()
    {
        // 09:00 UTC is 03:00 in Chicago: Jane is in her quiet hours until 07:00 there (13:00 UTC).
        using var host = new TestHostBuilder().UseClock(TestClock.At(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero)))
            .WithOneRuleNotPolled("+15550100001")
            .WithPerson("jane", "Jane Doe", "+15550100009", "approvers")
            .With("Directory:People:jane:QuietHours", "22:00-07:00")
            .With("Directory:People:jane:TimeZone", "America/Chicago")
            .With("Directory:People:jane:QuietWeekends", "true")
            .WithPerson("omar", "Omar Reyes", "+15550100008", "approvers")
            .With("Directory:People:omar:SkipRules:0", "po-submitted");
        await using var app = await host.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var page = System.Net.WebUtility.HtmlDecode(await http.GetStringAsync(new Uri("/people", UriKind.Relative), TestContext.Current.CancellationToken));

        Assert.Contains("Jane Doe <small>(jane)</small>", page, StringComparison.Ordinal);
        Assert.Contains("America/Chicago", page, StringComparison.Ordinal);
        Assert.Contains("22:00-07:00, weekends", page, StringComparison.Ordinal);
        Assert.Contains("quiet until 2026-11-26 13:00:00Z", page, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"Skips\">po-submitted</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("+15550100009", page, StringComparison.Ordinal); // phones masked
    }
}
