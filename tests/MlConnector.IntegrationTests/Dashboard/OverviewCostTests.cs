using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.IntegrationTests.Security;
using MlConnector.Simulators.Twilio;
using MlConnector.Sms;

namespace MlConnector.IntegrationTests.Dashboard;

/// <summary>What texting costs, on the overview: segments sent per rule and per day from the connector's own alerts,
/// and this month's SMS spend as the Twilio simulator's Usage Records compute it, read through the SDK and kept between
/// refreshes; a Usage Records failure is a sentence on the card, and the page still answers.</summary>
public sealed partial class OverviewCostTests
{
    /// <summary>180 GSM characters: two segments.</summary>
    private static readonly string TwoSegments = string.Concat(Enumerable.Repeat("PO 4711 approved. ", 10));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Overview_AfterATwoSegmentText_ShowsSegmentsPerRuleAndDay_AndTwilioSpendKeptBetweenRefreshes()
    {
        await using var host = await DashboardHost.StartAsync(withTwilio: true);
        var twilio = host.Twilio!;
        var (id, _) = await host.App.Services.GetRequiredService<TestSms>().SendAsync("+15550100001", TwoSegments, "olivia", Ct);
        await host.DeliverUntilAsync(id!.Value, AlertStates.Delivered);
        await OperatorSeed.AlertAsync(host.App.Services, "+15550100002", AlertStates.Delivered, sourceKey: "PO-000200");
        await OperatorSeed.AlertAsync(host.App.Services, "+15550100003", AlertStates.Failed, sourceKey: "PO-000201");
        using var browser = await SignedInAsync(host);

        var page = await OverviewAsync(browser);

        // The connector's own count: the text's 2 segments, and 1 for the delivered alert seeded as if sent (the failed
        // one was not billed, so it does not count).
        Assert.Equal("2", SegmentsOf(page, TestSms.RuleId));
        Assert.Equal("1", SegmentsOf(page, "po-submitted"));
        Assert.Equal(3, SegmentsPerDay().Matches(page).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        // Twilio's figure: only what went through it, priced per segment by the simulator.
        var price = (2 * twilio.Options.Usage.PricePerSegment).ToString("0.00###", CultureInfo.InvariantCulture);
        Assert.Contains($"<strong id=\"sms-spend-price\">{price} USD</strong>", page, StringComparison.Ordinal);
        Assert.Matches(@"<th scope=""row"">Messages</th><td>1</td>\s*</tr>\s*<tr><th scope=""row"">Segments</th><td>2</td>", page);

        // Refreshes within the keeping time do not ask Twilio (a fault waiting on Usage Records is not met); after it
        // they do, and the card says in words that the figure could not be read.
        twilio.Faults.Enqueue(new TwilioFault(TwilioFaultKind.ServerErrorJson), 1, TwilioFaultTarget.Usage);
        Assert.Contains($"{price} USD", await OverviewAsync(browser), StringComparison.Ordinal);
        host.Time.Advance(TwilioUsage.KeepFor);
        Assert.Contains("Could not read this month&#x27;s spend from Twilio", await OverviewAsync(browser), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_TwilioFailsUsageRecords_TheCardSaysItCouldNotBeRead_AndThePageStillAnswers()
    {
        await using var host = await DashboardHost.StartAsync(withTwilio: true);
        await OperatorSeed.AlertAsync(host.App.Services, "+15550100002", AlertStates.Delivered);
        host.Twilio!.Faults.Enqueue(new TwilioFault(TwilioFaultKind.ServerErrorHtml), 1, TwilioFaultTarget.Usage);
        using var browser = await SignedInAsync(host);

        using var response = await browser.GetAsync("/");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<p id=\"sms-spend-problem\">Could not read this month's spend from Twilio: it answered HTTP 500.</p>", page,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal Server Error", page, StringComparison.Ordinal); // the simulator's HTML page
        Assert.Equal("1", SegmentsOf(page, "po-submitted"));
    }

    [Fact]
    public async Task Overview_WithoutTwilio_SaysThereIsNoSpendToShow()
    {
        await using var host = await DashboardHost.StartAsync();
        using var browser = await SignedInAsync(host);

        var page = WebUtility.HtmlDecode(await OverviewAsync(browser));

        Assert.Contains("Twilio is not configured (Twilio:AccountSid), so there is no spend to show.", page, StringComparison.Ordinal);
    }

    private static async Task<SessionBrowser> SignedInAsync(DashboardHost host)
    {
        var browser = new SessionBrowser(new Uri(host.BaseUrl));
        using var signIn = await browser.SignInAsync("victor", DashboardHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    private static async Task<string> OverviewAsync(SessionBrowser browser)
    {
        using var response = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The "Segments sent" cell of a rule's row in the per-rule table.</summary>
    private static string? SegmentsOf(string page, string rule)
    {
        var row = Regex.Match(page, $@"<a href=""/alerts\?rule={Regex.Escape(rule)}"">.*?</tr>", RegexOptions.Singleline);
        return row.Success ? SegmentsCell().Match(row.Value) is { Success: true } cell ? cell.Groups[1].Value : null : null;
    }

    [GeneratedRegex(@"<td data-label=""Segments sent"">(\d+)</td>")]
    private static partial Regex SegmentsCell();

    [GeneratedRegex(@"data-segments=""(\d+)""")]
    private static partial Regex SegmentsPerDay();
}
