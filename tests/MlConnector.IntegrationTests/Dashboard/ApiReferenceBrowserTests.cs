using Microsoft.Playwright;
using MlConnector.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MlConnector.IntegrationTests.Dashboard;

/// <summary>The API reference page in a real browser: reached from the dashboard's navigation, it shows the API's
/// operations, and every request it makes (its script, the OpenAPI document) goes to the service itself, so it works on a
/// server without internet.</summary>
public sealed class ApiReferenceBrowserTests
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task Viewer_OpensTheApiReference_SeesTheAlertsApi_AndNothingLoadsFromElsewhere(int width, int height)
    {
        await using var host = await DashboardHost.StartAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await host.SignedInPageAsync(browser, "victor", width, height);
        var requests = new List<Uri>();
        page.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(new Uri(request.Url));
            }
        };

        await page.GetByRole(AriaRole.Link, new() { Name = "API", Exact = true }).ClickAsync();

        await Expect(page).ToHaveTitleAsync("ml-connector API");
        // The reference is drawn in the browser by a 5 MB script: slow on a busy two-core machine, so wait longer than 5 s.
        await Expect(page.GetByText("/api/alerts", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var service = new Uri(host.BaseUrl);
        List<Uri> seen;
        lock (requests)
        {
            seen = [.. requests];
        }

        Assert.Contains(seen, u => u.AbsolutePath == "/api-reference/scalar.js");
        Assert.Contains(seen, u => u.AbsolutePath == "/openapi/v1.json");
        Assert.All(seen, u => Assert.True(u.Scheme == "data" || u.Authority == service.Authority, $"requested {u}"));
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, "wider than the screen");
        Directory.CreateDirectory(Path.Combine(MlConnector.Testing.RepositoryPaths.Root, "TestResults", "console"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(MlConnector.Testing.RepositoryPaths.Root, "TestResults", "console", $"api-reference-{width}.png") });
    }
}
