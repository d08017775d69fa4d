using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MlConnector.IntegrationTests.Security;

/// <summary>Wrong passwords are throttled per user: five within a minute lock the user out for a while (the right
/// password too), audited and shown to operators; the lock-out passes on its own.</summary>
[Collection(nameof(RunsAlone))]
public sealed class SignInLockoutTests
{
    [Fact]
    public async Task SixthWrongPasswordWithinAMinute_LocksOutUntilTheLockoutPasses()
    {
        await using var host = await SecurityHost.StartAsync();
        using var browser = host.Browser();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.SignInAsync("victor", "not the password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("wrong password", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            host.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        using var sixth = await browser.SignInAsync("victor", "not the password");
        using var right = await browser.SignInAsync("victor", SecurityHost.Password);

        Assert.Contains("locked", await sixth.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        Assert.Null(browser.Session);

        // Operators see the lock-out (API and dashboard), and the trail has it.
        using var olivia = await host.SignedInAsync("olivia");
        using var users = await olivia.GetAsync("/api/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        var listed = await users.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var victor = listed.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "victor");
        Assert.NotEqual(JsonValueKind.Null, victor.GetProperty("lockedUntil").ValueKind);
        using var page = await olivia.GetAsync("/users");
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("victor", html, StringComparison.Ordinal);
        Assert.Contains("locked until", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(await host.AuditAsync(), a => a.Kind == "sign-in-locked" && a.Actor == "victor");

        host.Clock.Advance(TimeSpan.FromMinutes(15));
        using var later = await browser.SignInAsync("victor", SecurityHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.NotNull(browser.Session);
    }

    [Fact]
    public async Task WrongPasswordsSpreadOverMinutes_DoNotLockOut()
    {
        await using var host = await SecurityHost.StartAsync();
        using var browser = host.Browser();
        for (var i = 0; i < 8; i++)
        {
            using var wrong = await browser.SignInAsync("victor", "not the password");
            Assert.DoesNotContain("locked", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
            host.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        using var right = await browser.SignInAsync("victor", SecurityHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }
}
