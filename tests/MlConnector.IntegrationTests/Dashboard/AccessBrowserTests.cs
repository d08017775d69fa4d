using Microsoft.Playwright;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.IntegrationTests.Security;
using static Microsoft.Playwright.Assertions;

namespace MlConnector.IntegrationTests.Dashboard;

/// <summary>The access pages in a real browser: an admin manages a user from adding to removing, creates an API key
/// (its secret shown once) and revokes it, and ends one of a user's sessions; a person signs in with the code the
/// simulated Twilio Verify texted.</summary>
public sealed class AccessBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_AddsAUser_ResetsItsPassword_ChangesItsRole_AndRemovesIt()
    {
        await using var host = await DashboardHost.StartAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "ada");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        var add = page.Locator("#add-user");
        await add.Locator("input[name=userName]").FillAsync("nina");
        await add.Locator("input[name=password]").FillAsync("first password");
        await add.Locator("select[name=role]").SelectOptionAsync("viewer");
        await add.Locator("input[name=phone]").FillAsync("(555) 010-7005");
        await add.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("User nina added with role viewer.");
        await Expect(page.Locator("#user-nina")).ToContainTextAsync("on file");

        var nina = page.Locator("#user-nina");
        await nina.GetByText("Manage nina").ClickAsync();
        await nina.Locator("input[name=password]").FillAsync("second password");
        await nina.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Password of nina reset");
        await page.Locator("#user-nina").GetByText("Manage nina").ClickAsync();
        await page.Locator("#user-nina select[name=role]").SelectOptionAsync("operator");
        await page.Locator("#user-nina").GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("User nina now has role operator");
        await Expect(page.Locator("#user-nina td").Nth(1)).ToHaveTextAsync("operator");

        // nina signs in with the new password, in another browser, and sees the operator's pages.
        var ninaPage = await host.SignedInPageAsync(browser, "nina", password: "second password");
        await Expect(ninaPage.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);

        await page.Locator("#user-nina").GetByText("Manage nina").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove nina" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("User nina removed");
        await Expect(page.Locator("#user-nina")).ToHaveCountAsync(0);
        await ninaPage.ReloadAsync();
        await Expect(ninaPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }

    [Fact]
    public async Task Admin_CreatesAnApiKeyShownOnce_ThenRevokesIt()
    {
        await using var host = await DashboardHost.StartAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "ada");
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        await page.GetByRole(AriaRole.Link, new() { Name = "API keys", Exact = true }).ClickAsync();
        await page.Locator("#create-key input[name=name]").FillAsync("nightly-report");
        await page.Locator("#create-key select[name=role]").SelectOptionAsync("viewer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = (await page.Locator("#new-key-secret").TextContentAsync())!.Trim();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var withKey = await http.GetAsync("/api/alerts", Ct);
        await page.GotoAsync("/api-keys");
        await Expect(page.Locator("#new-key-secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke nightly-report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("API key nightly-report revoked.");
        await Expect(page.Locator("#key-nightly-report")).ToContainTextAsync("revoked");
        using var revoked = await http.GetAsync("/api/alerts", Ct);

        Assert.Matches("^mlc_[0-9a-f]{8}_[0-9a-f]{40}$", key);
        Assert.Equal(System.Net.HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task Admin_EndsOneOfAUsersSessions_ThatBrowserMustSignInAgain()
    {
        await using var host = await DashboardHost.StartAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var laptop = await host.SignedInPageAsync(browser, "olivia");
        await laptop.GotoAsync("/alerts");
        host.Time.Advance(TimeSpan.FromMinutes(2));
        var phone = await host.SignedInPageAsync(browser, "olivia", 390, 844);
        var admin = await host.SignedInPageAsync(browser, "ada");

        await admin.GotoAsync("/users/olivia/sessions");
        await Expect(admin.Locator("tr.session")).ToHaveCountAsync(2);
        // The laptop's session is the older one: the last row (the most recently used come first).
        await admin.Locator("tr.session").Last.GetByRole(AriaRole.Button, new() { Name = "End session" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Session of olivia ended.");
        await Expect(admin.Locator("tr.session")).ToHaveCountAsync(1);

        await laptop.ReloadAsync();
        await Expect(laptop).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await phone.GotoAsync("/alerts");
        await Expect(phone.Locator("h1")).ToHaveTextAsync("Alerts");
    }

    [Fact]
    public async Task SignIn_WithTheCodeVerifyTexted_ReachesTheOverview_AndAWrongCodeIsRefused()
    {
        await using var host = await SecondFactorHost.StartAsync(TestClock.FromNow());
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new() { BaseURL = host.Address.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.FillAsync("input[name=userName]", "olivia");
        await page.FillAsync("input[name=password]", SecondFactorHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("A code was texted to +1********02.");
        var code = host.Twilio.LatestVerifyCode(SecondFactorHost.OliviaPhone)!;
        await page.FillAsync("input[name=code]", code == "000000" ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That code is not right.");
        await page.FillAsync("input[name=code]", code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
    }
}
