using System.Net;
using MlConnector.IntegrationTests.Infrastructure;

namespace MlConnector.IntegrationTests.Security;

/// <summary>A session cookie is only as good as the user's security stamp, checked on every request: signing out,
/// a password or role change and <c>users remove</c> end every session of that user at once.</summary>
[Collection(nameof(RunsAlone))]
public sealed class SessionRevocationTests
{
    [Fact]
    public async Task Cookie_AfterSignOut_IsRefusedInEveryBrowserOfThatUser()
    {
        await using var host = await SecurityHost.StartAsync();
        using var laptop = await host.SignedInAsync("olivia");
        using var phone = await host.SignedInAsync("olivia");
        using var other = await host.SignedInAsync("victor");
        var copied = laptop.Session!;
        using (var before = await SessionBrowser.WithCookieAsync(host.Address, HttpMethod.Get, "/api/alerts", copied))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var signOut = await laptop.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var replayed = await SessionBrowser.WithCookieAsync(host.Address, HttpMethod.Get, "/api/alerts", copied);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        using var page = await SessionBrowser.WithCookieAsync(host.Address, HttpMethod.Get, "/alerts", copied);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var secondBrowser = await phone.GetAsync("/api/alerts");
        Assert.Equal(HttpStatusCode.Unauthorized, secondBrowser.StatusCode);
        using var otherUser = await other.GetAsync("/api/alerts");
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
    }

    [Fact]
    public async Task Cookie_AfterUsersRemove_IsRefusedAtOnce()
    {
        await using var host = await SecurityHost.StartAsync();
        using var browser = await host.SignedInAsync("victor");
        using (var before = await browser.GetAsync("/api/alerts"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var removed = await CliRunner.RunAsync(host.Builder.Root, host.Builder.Environment, "users", "remove", "victor");

        Assert.Equal(0, removed.ExitCode);
        using var after = await browser.GetAsync("/api/alerts");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Cookie_AfterPasswordOrRoleChange_IsRefused()
    {
        await using var host = await SecurityHost.StartAsync();
        using var olivia = await host.SignedInAsync("olivia");
        using var victor = await host.SignedInAsync("victor");

        var password = await CliRunner.RunWithInputAsync(host.Builder.Root, host.Builder.Environment, "a brand new password",
            "users", "password", "olivia", "--password-stdin");
        var role = await CliRunner.RunAsync(host.Builder.Root, host.Builder.Environment, "users", "role", "victor", "--role", "operator");

        Assert.Equal((0, 0), (password.ExitCode, role.ExitCode));
        using var afterPassword = await olivia.GetAsync("/api/alerts");
        using var afterRole = await victor.GetAsync("/api/alerts");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (afterPassword.StatusCode, afterRole.StatusCode));
        using var fresh = host.Browser();
        using var signIn = await fresh.SignInAsync("olivia", "a brand new password");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }
}
