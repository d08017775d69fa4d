using Microsoft.Playwright;

namespace MlConnector.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's chromium driven by Playwright (which must never download a browser of its own). Without chromium the
/// test skips with a reason, unless MLC_REQUIRE_BROWSER=1 (CI), where it fails instead.
/// </summary>
public static class Chromium
{
    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("MLC_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            if (Environment.GetEnvironmentVariable("MLC_REQUIRE_BROWSER") == "1")
            {
                Assert.Fail($"MLC_REQUIRE_BROWSER=1 but there is no chromium at {path} (set MLC_CHROMIUM).");
            }

            Assert.Skip($"Browser tests need chromium at {path} (apt-get install chromium, or set MLC_CHROMIUM).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = path, Headless = true, Args = Arguments });
        return (playwright, browser);
    }
}
