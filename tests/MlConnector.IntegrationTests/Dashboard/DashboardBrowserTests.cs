using Microsoft.Playwright;
using MlConnector.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MlConnector.IntegrationTests.Dashboard;

/// <summary>The dashboard in a real browser (Debian's chromium through Playwright), at desktop and phone sizes.</summary>
public sealed class DashboardBrowserTests
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Operator_FindsFailedAlertByPhoneAndReplaysIt(int width, int height)
    {
        await using var host = await DashboardHost.StartAsync(withTwilio: true);
        var id = await OperatorSeed.AlertAsync(host.App.Services, "+15550100001");
        await OperatorSeed.AlertAsync(host.App.Services, "+15550100002", sourceKey: "PO-000999");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "olivia", width, height);

        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts", Exact = true }).ClickAsync();
        await page.FillAsync("input[name=phone]", "(555) 010-0001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.GetByText("1 alert(s).")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }).ClickAsync();
        await Expect(page.Locator("#alert-state")).ToHaveTextAsync("failed");
        await page.FillAsync("input[name=reason]", "handset was switched off");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("queued again");
        await Expect(page.Locator("table tr", new() { HasText = "replay" })).ToContainTextAsync("olivia");

        // The dispatcher sends it to the simulated Twilio, whose callbacks report it delivered (on the shared fake
        // clock, moved only while the dispatcher waits on it); the page, loaded again, then says so.
        await host.DeliverUntilAsync(id, "delivered");
        await page.ReloadAsync();

        Assert.True(await page.Locator("#alert-state").TextContentAsync() == "delivered", "callbacks: " + string.Join(", ",
            host.Twilio!.Callbacks.Select(c => $"{c}")));
        Assert.Single(host.Twilio!.Messages, m => m.To == "+15550100001");
    }

    [Fact]
    public async Task Viewer_SeesNoReplayAndAForgedReplayIsDenied()
    {
        await using var host = await DashboardHost.StartAsync();
        var id = await OperatorSeed.AlertAsync(host.App.Services, "+15550100001");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "victor", 1280, 800);

        await page.GotoAsync($"/alerts/{id}");
        await Expect(page.Locator("#alert-state")).ToHaveTextAsync("failed");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Replay" })).ToHaveCountAsync(0);

        // A valid token (from the sign-out form) on a hand-made replay post: the role check still refuses it.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var response = await page.APIRequest.PostAsync($"/alerts/{id}", new()
        {
            Form = page.APIRequest.CreateFormData().Set("reason", "sneaky").Set("__RequestVerificationToken", token!),
            MaxRedirects = 0,
        });
        Assert.Equal(302, response.Status);
        Assert.Contains("/denied", response.Headers["location"], StringComparison.Ordinal);
        await page.ReloadAsync();
        await Expect(page.Locator("#alert-state")).ToHaveTextAsync("failed");
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefused()
    {
        await using var host = await DashboardHost.StartAsync();
        var id = await OperatorSeed.AlertAsync(host.App.Services, "+15550100001");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "olivia", 1280, 800);

        var response = await page.APIRequest.PostAsync($"/alerts/{id}", new()
        {
            Form = page.APIRequest.CreateFormData().Set("reason", "no token"),
            MaxRedirects = 0,
        });

        Assert.Equal(400, response.Status);
        await page.GotoAsync($"/alerts/{id}");
        await Expect(page.Locator("#alert-state")).ToHaveTextAsync("failed");
    }

    [Fact]
    public async Task Operator_DiscardsAHeldPollOnTheRulesPage_WithAReasonKeptPerAlert()
    {
        await using var host = await DashboardHost.StartAsync();
        var held = new[]
        {
            await OperatorSeed.HeldAlertAsync(host.App.Services, "+15550100001", "PO-000201"),
            await OperatorSeed.HeldAlertAsync(host.App.Services, "+15550100001", "PO-000202"),
        };
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "olivia", 390, 844);

        await page.GetByRole(AriaRole.Link, new() { Name = "Rules", Exact = true }).ClickAsync();
        await Expect(page.Locator("#held-po-submitted")).ToContainTextAsync("2 alert(s) held since");
        var discard = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Discard (send none)" }) });
        await discard.Locator("input[name=reason]").FillAsync("SYSPRO answered wrongly during the upgrade");
        await discard.GetByRole(AriaRole.Button).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 held alert(s) discarded");
        await Expect(page.Locator("#held-po-submitted")).ToHaveCountAsync(0);
        await page.GotoAsync($"/alerts/{held[0]}");
        await Expect(page.Locator("#alert-state")).ToHaveTextAsync("discarded");
        await Expect(page.Locator("table tr", new() { HasText = "discarded" }).Last).ToContainTextAsync("olivia");
    }
}
