using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Access;

namespace MlConnector.IntegrationTests.Security;

/// <summary>The dashboard's access pages over real HTTP: users, API keys and sessions are admins' alone (viewers and
/// operators are refused every page and every change, and nothing changes), and an admin ends one session of a user
/// while the user's other sessions go on.</summary>
[Collection(nameof(RunsAlone))]
public sealed partial class AdminPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("victor")]
    [InlineData("olivia")]
    public async Task NonAdmins_AreRefusedEveryAccessPageAndChange_AndNothingChanges(string user)
    {
        await using var host = await SecurityHost.StartAsync();
        var services = host.App.Services;
        await services.GetRequiredService<ApiKeyStore>().CreateAsync("ci", OperatorRoles.Viewer, Ct);
        using var ada = await host.SignedInAsync("ada");
        var adaSession = Assert.Single(await services.GetRequiredService<SessionStore>().ListAsync("ada", Ct)).Id;
        using var browser = await host.SignedInAsync(user);
        (string Url, Dictionary<string, string> Form)[] changes =
        [
            ("/users?handler=Add", new() { ["userName"] = "mallory", ["password"] = "a long password", ["role"] = "admin" }),
            ("/users?handler=Role", new() { ["userName"] = user, ["role"] = "admin" }),
            ("/users?handler=Password", new() { ["userName"] = "ada", ["password"] = "taken over at last" }),
            ("/users?handler=Phone", new() { ["userName"] = "ada", ["phone"] = "+15550109999" }),
            ("/users?handler=RecoveryCodes", new() { ["userName"] = "ada" }),
            ("/users?handler=Remove", new() { ["userName"] = "ada" }),
            ("/api-keys?handler=Create", new() { ["name"] = "sneaky", ["role"] = "operator" }),
            ("/api-keys?handler=Revoke", new() { ["name"] = "ci" }),
            ("/users/ada/sessions?handler=End", new() { ["sessionId"] = adaSession }),
        ];

        var refused = new List<string>();
        foreach (var (url, form) in changes)
        {
            // A valid antiforgery token of this user (from the sign-out form every page has): only the role refuses.
            using var response = await browser.PostFormAsync(url, form, tokenFrom: "/");
            refused.Add($"POST {url} {(int)response.StatusCode} {response.Headers.Location}");
        }

        foreach (var url in new[] { "/api-keys", "/users/ada/sessions" })
        {
            using var response = await browser.GetAsync(url);
            refused.Add($"GET {url} {(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.All(refused, r => Assert.Matches(@" 302 http://127\.0\.0\.1:\d+/denied", r));
        var users = await services.GetRequiredService<OperatorStore>().ListAsync(Ct);
        Assert.Equal(["ada", "olivia", "victor"], users.Select(u => u.UserName));
        Assert.Equal(user == "victor" ? OperatorRoles.Viewer : OperatorRoles.Operator, users.Single(u => u.UserName == user).Role);
        Assert.False(users.Single(u => u.UserName == "ada").HasPhone);
        Assert.Equal(0, await services.GetRequiredService<RecoveryCodes>().RemainingAsync("ada", Ct));
        Assert.Equal([("ci", (DateTimeOffset?)null)], (await services.GetRequiredService<ApiKeyStore>().ListAsync(Ct)).Select(k => (k.Name, k.RevokedAt)));
        using var adaStillIn = await ada.GetAsync("/api/users");
        Assert.Equal(HttpStatusCode.OK, adaStillIn.StatusCode);
        using var usersPage = await browser.GetAsync("/users");
        Assert.Equal(user == "olivia" ? HttpStatusCode.OK : HttpStatusCode.Redirect, usersPage.StatusCode);
        Assert.DoesNotContain("Add user", await usersPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminsAndOnlyThem_ReachTheAccessPages_AndAnOperatorApiKeyDoesNot()
    {
        await using var host = await SecurityHost.StartAsync();
        using var ada = await host.SignedInAsync("ada");
        var key = await host.App.Services.GetRequiredService<ApiKeyStore>().CreateAsync("ops", OperatorRoles.Operator, Ct);
        using var anonymous = host.Browser();
        using var withKey = new HttpClient { BaseAddress = host.Address };
        withKey.DefaultRequestHeaders.Add("X-Api-Key", key);

        foreach (var url in new[] { "/users", "/api-keys", "/users/olivia/sessions", "/account" })
        {
            using var page = await ada.GetAsync(url);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url}: {(int)page.StatusCode}");
        }

        using var usersPage = await ada.GetAsync("/users");
        using var unknownUser = await ada.GetAsync("/users/nobody/sessions");
        using var signInFirst = await anonymous.GetAsync("/api-keys");
        using var keyRefused = await withKey.GetAsync("/api-keys", Ct);
        Assert.Contains("Add user", await usersPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.StartsWith("/login", signInFirst.Headers.Location?.PathAndQuery ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, keyRefused.StatusCode);
    }

    [Fact]
    public async Task Admin_EndsOneSessionOfAUser_ThatBrowserIsOut_TheOtherStaysIn()
    {
        await using var host = await SecurityHost.StartAsync();
        var sessions = host.App.Services.GetRequiredService<SessionStore>();
        using var ada = await host.SignedInAsync("ada");
        using var laptop = await host.SignedInAsync("olivia");
        var laptopSession = Assert.Single(await sessions.ListAsync("olivia", Ct)).Id;
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        using var phone = await host.SignedInAsync("olivia");
        using var listed = await ada.GetAsync("/users/olivia/sessions");
        var listedIds = SessionIds().Matches(await listed.Content.ReadAsStringAsync(Ct)).Select(m => m.Groups[1].Value).ToList();

        using var ended = await ada.PostFormAsync("/users/olivia/sessions?handler=End", new() { ["sessionId"] = laptopSession },
            tokenFrom: "/users/olivia/sessions");

        Assert.Equal(2, listedIds.Count);
        Assert.Equal(laptopSession, listedIds[1]);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        using var laptopAfter = await laptop.GetAsync("/api/alerts");
        using var phoneAfter = await phone.GetAsync("/api/alerts");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (laptopAfter.StatusCode, phoneAfter.StatusCode));
        Assert.Single(await sessions.ListAsync("olivia", Ct));
        Assert.Contains(await host.AuditAsync(), a => a.Kind == "session-ended" && a.Actor == "ada" && a.Detail!.Contains("olivia", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sessions_IdleForEightHours_AreOverAndGoneFromTheList()
    {
        await using var host = await SecurityHost.StartAsync();
        using var browser = await host.SignedInAsync("victor");
        host.Clock.Advance(TimeSpan.FromHours(7));
        using var stillIn = await browser.GetAsync("/api/alerts");
        host.Clock.Advance(TimeSpan.FromHours(7));
        using var stillInAfterUse = await browser.GetAsync("/api/alerts");
        host.Clock.Advance(TimeSpan.FromHours(8));

        using var idle = await browser.GetAsync("/api/alerts");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (stillIn.StatusCode, stillInAfterUse.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, idle.StatusCode);
        Assert.Empty(await host.App.Services.GetRequiredService<SessionStore>().ListAsync("victor", Ct));
    }

    [GeneratedRegex("name=\"sessionId\" value=\"([0-9a-f]+)\"")]
    private static partial Regex SessionIds();
}
