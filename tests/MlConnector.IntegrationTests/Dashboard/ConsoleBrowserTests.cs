using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using MlConnector.Alerts;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Recipients;
using MlConnector.Security;
using MlConnector.Sms;
using MlConnector.Storage;
using MlConnector.Testing;
using static Microsoft.Playwright.Assertions;

namespace MlConnector.IntegrationTests.Dashboard;

/// <summary>The console at a phone's width and a desktop's, in a real browser: no page is wider than the screen, an
/// address it does not have gets its own 404 page, and an operator lifts an opt-out. Screenshots of every page at both
/// sizes land in TestResults/console/.</summary>
public sealed class ConsoleBrowserTests
{
    private const string LongSid = "SM0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task EveryPage_FitsTheScreen_WithoutSidewaysScrolling(int width, int height)
    {
        await using var host = await DashboardHost.StartAsync();
        var id = await SeedLongAlertAsync(host);
        await SeedOptOutAsync(host, "+15550100077");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "ada", width, height);
        var folder = Path.Combine(RepositoryPaths.Root, "TestResults", "console");
        Directory.CreateDirectory(folder);

        string[] pages =
        [
            "/", "/alerts", $"/alerts/{id}", "/rules", "/people", "/inbound", "/opt-outs", "/audit", "/test-sms", "/users",
            "/api-keys", "/account", "/users/olivia/sessions", "/no-such-page", "/alerts/999999",
        ];
        var tooWide = new List<string>();
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("nav[aria-label=Main]")).ToBeVisibleAsync();
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scrollWidth > width)
            {
                tooWide.Add($"{path}: {scrollWidth} px");
            }

            var name = path == "/" ? "overview" : path.Trim('/').Replace('/', '-');
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = true });
        }

        Assert.True(tooWide.Count == 0, $"wider than the {width} px screen: {string.Join(", ", tooWide)}");
    }

    [Fact]
    public async Task ThePhoneLayout_ShowsEveryColumnOfAnAlert_AsACard()
    {
        await using var host = await DashboardHost.StartAsync();
        await SeedLongAlertAsync(host);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "victor", 390, 844);

        await page.GotoAsync("/alerts");

        // State, To and Error were off-screen to the right on a phone; as a card each is on screen, under its name.
        foreach (var label in new[] { "State", "To", "Error" })
        {
            var cell = page.Locator($"#alerts td[data-label='{label}']").First;
            await Expect(cell).ToBeInViewportAsync();
            var box = (await cell.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{label} cell at x {box.X}..{box.X + box.Width}");
        }

        await Expect(page.Locator("a.skip")).ToHaveAttributeAsync("href", "#main");
        await Expect(page.Locator("nav[aria-label=Main] a[aria-current=page]")).ToHaveTextAsync("Alerts");
    }

    [Fact]
    public async Task AnAddressTheConsoleDoesNotHave_GetsItsOwn404Page_AndTheApiABareOne()
    {
        await using var host = await DashboardHost.StartAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "victor", 1366, 768);

        var missingPage = await page.GotoAsync("/reports/monthly");
        Assert.Equal(404, missingPage!.Status);
        await Expect(page.Locator("#not-found")).ToContainTextAsync("There is no page at this address.");
        await page.Locator("#not-found").GetByRole(AriaRole.Link, new() { Name = "overview" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        var missingAlert = await page.GotoAsync("/alerts/987654");
        Assert.Equal(404, missingAlert!.Status);
        await Expect(page.Locator("#not-found")).ToContainTextAsync("There is no alert 987654.");

        var api = await page.APIRequest.GetAsync("/api/no-such-thing");
        Assert.Equal(404, api.Status);
        Assert.DoesNotContain("<html", await api.TextAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task Operator_LiftsAnOptOut_WithAReason_AndTheViewerCannot(int width, int height)
    {
        await using var host = await DashboardHost.StartAsync();
        await SeedOptOutAsync(host, "+15550100077");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        var viewer = await host.SignedInPageAsync(browser, "victor", 390, 844);
        await viewer.GotoAsync("/opt-outs");
        await Expect(viewer.Locator("#opt-outs")).ToContainTextAsync("+15550100077");
        await Expect(viewer.GetByRole(AriaRole.Button, new() { NameRegex = new("Lift") })).ToHaveCountAsync(0);

        var page = await host.SignedInPageAsync(browser, "olivia", width, height);
        await page.GetByRole(AriaRole.Link, new() { Name = "Opt-outs", Exact = true }).ClickAsync();
        await Expect(page.Locator("#opt-outs")).ToContainTextAsync("texted STOP");
        await Expect(page.Locator(".warning")).ToContainTextAsync("21610");
        await page.FillAsync("#opt-outs input[name=reason]", "asked on the phone to get texts again");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lift opt-out of +15550100077" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opt-out of +15550100077 lifted");
        await Expect(page.GetByText("Nobody has opted out.")).ToBeVisibleAsync();
        await using var connection = await host.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        var audit = await connection.QuerySingleAsync<(string Actor, string Detail)>(
            "SELECT actor, detail FROM audit WHERE kind = 'opt-out-lifted'");
        Assert.Equal("olivia", audit.Actor);
        Assert.Contains("asked on the phone to get texts again", audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("5550100077", audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task Operator_FindsAPoByNumber_ReadsItsTimeline_ReplaysIt_AndTheOverviewChangesWithoutAReload(int width, int height)
    {
        await using var host = await DashboardHost.StartAsync(withTwilio: true);
        var id = await OperatorSeed.AlertAsync(host.App.Services, "+15550100001", sourceKey: "000000000150802");
        await OperatorSeed.AlertAsync(host.App.Services, "+15550100002", AlertStates.Delivered, sourceKey: "000000000150999");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "olivia", width, height);

        await Expect(page.Locator("#needs-failed")).ToHaveTextAsync("1 failed alert(s) this week");
        Assert.Equal(1, await ChartSumAsync(page, "failed"));
        Assert.Equal(1, await ChartSumAsync(page, "delivered"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts", Exact = true }).ClickAsync();
        await page.FillAsync("input[name=record]", "150802");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.GetByText("1 alert(s).")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = id.ToString(CultureInfo.InvariantCulture), Exact = true }).ClickAsync();
        await Expect(page.Locator("#alert-state-words")).ToContainTextAsync("failed: 30003 (the handset could not be reached");
        await Expect(page.Locator("#rule-description")).ToContainTextAsync("submitted for approval");
        await Expect(page.Locator("#timeline tr[data-kind=detected]")).ToContainTextAsync("Detected: PorMasterHdr 000000000150802 went 0->1");
        await Expect(page.Locator("#timeline tr[data-kind=detected] pre")).Not.ToBeVisibleAsync(); // the JSON, behind its toggle
        await page.Locator("#timeline tr[data-kind=detected] summary").ClickAsync();
        await Expect(page.Locator("#timeline tr[data-kind=detected] pre")).ToContainTextAsync("\"rule\":\"po-submitted\"");

        await page.FillAsync("input[name=reason]", "handset back on");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("queued again");
        await Expect(page.Locator("#timeline tr[data-kind=replay]")).ToContainTextAsync("Replayed by olivia: handset back on (was failed)");

        // The overview, left open, follows the replayed text to delivered by itself: no reload.
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await Expect(page.Locator("#needs-failed")).ToHaveCountAsync(0);
        await host.DeliverUntilAsync(id, "delivered");
        await Expect(page.Locator("#needs-me")).ToContainTextAsync("Nothing", new() { Timeout = 20_000 });
        await Expect(page.Locator("#by-rule")).ToContainTextAsync("po-submitted");
        await Expect(page.Locator("#latency")).ToContainTextAsync("1 text(s) Twilio accepted");
        Assert.Equal((2, 0), (await ChartSumAsync(page, "delivered"), await ChartSumAsync(page, "failed")));
    }

    [Fact]
    public async Task ReplayToAnOptedOutNumber_WarnsAndNeedsConfirming()
    {
        await using var host = await DashboardHost.StartAsync();
        var id = await OperatorSeed.AlertAsync(host.App.Services, "+15550100077");
        await OperatorSeed.AlertAsync(host.App.Services, "+15550100001", AlertStates.Undelivered);
        await SeedOptOutAsync(host, "+15550100077");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "olivia", 390, 844);

        await Expect(page.Locator("#needs-me")).ToContainTextAsync("1 alert(s) wait for a number that opted out");
        await Expect(page.Locator("#needs-undelivered")).ToHaveTextAsync("1 text(s) Twilio could not deliver this week");
        await page.GotoAsync($"/alerts/{id}");
        await Expect(page.Locator("#opted-out-warning")).ToContainTextAsync("+15550100077 opted out");

        // Without the confirmation (a hand-made post; the page's checkbox is required), nothing is queued.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        await page.APIRequest.PostAsync($"/alerts/{id}", new()
        {
            Form = page.APIRequest.CreateFormData().Set("reason", "try again").Set("__RequestVerificationToken", token!),
            MaxRedirects = 0, // the page, not this request, shows the answer
        });
        await page.ReloadAsync();
        await Expect(page.Locator("#alert-state")).ToHaveTextAsync("failed");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Not replayed: +15550100077 opted out");

        await page.FillAsync("input[name=reason]", "the person asked for it");
        await page.CheckAsync("input[name=replayOptedOut]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("queued again");
    }

    [Fact]
    public async Task Viewer_ExportsTheAuditTrail_AsCsv_WithAButton()
    {
        await using var host = await DashboardHost.StartAsync();
        var id = await OperatorSeed.AlertAsync(host.App.Services, "+15550100001");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "victor", 390, 844);

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit", Exact = true }).ClickAsync();
        await page.SelectOptionAsync("select[name=format]", "csv");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);

        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("id,company,alert_id,at,kind,actor,detail", csv, StringComparison.Ordinal);
        Assert.Contains($",{id},", csv, StringComparison.Ordinal);
        Assert.Contains(",detected,system,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("5550100001", csv, StringComparison.Ordinal);
    }

    private static Task<int> ChartSumAsync(IPage page, string series) => page.EvaluateAsync<int>(
        $"() => Array.from(document.querySelectorAll('#chart-day .bar')).reduce((n, b) => n + Number(b.dataset.{series}), 0)");

    /// <summary>A failed alert with the long values that widened pages: a Twilio id, a long error, a long record key.</summary>
    private static async Task<long> SeedLongAlertAsync(DashboardHost host)
    {
        var id = await OperatorSeed.AlertAsync(host.App.Services, "+15550100001", sourceKey: "000000000150802-SUPPLIER-LONGKEY-0000000001");
        await using var connection = await host.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            "UPDATE alerts SET message_sid = @Sid, error_message = @Error WHERE id = @id",
            new
            {
                Sid = LongSid, id,
                Error = "Twilio could not deliver the message to the destination handset: it was switched off or out of coverage for the whole validity period",
            });
        return id;
    }

    private static async Task SeedOptOutAsync(DashboardHost host, string phone)
    {
        var services = host.App.Services;
        var sender = services.GetRequiredService<IOptions<TwilioOptions>>().Value.SenderKey;
        var index = services.GetRequiredService<FieldProtector>().BlindIndex(phone);
        await services.GetRequiredService<OptOutList>().AddAsync(sender, index, phone, "default", "STOP",
            host.Time.GetUtcNow(), TestContext.Current.CancellationToken);
    }
}
