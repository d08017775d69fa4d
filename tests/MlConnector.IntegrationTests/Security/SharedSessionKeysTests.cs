using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Access;

namespace MlConnector.IntegrationTests.Security;

/// <summary>On PostgreSQL the Data Protection key ring lives in the shared database, so instances behind one load
/// balancer accept each other's session cookies and antiforgery tokens.</summary>
[Collection(nameof(RunsAlone))]
public sealed class SharedSessionKeysTests
{
    private const string Rule = "po-submitted";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignedInOnOneInstance_TheCookieAndAntiforgeryTokenWorkOnAnotherWithItsOwnDataFolder()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        using var first = new TestHostBuilder().UseClock(TestClock.FromNow()).OnStore(database).WithOneRuleNotPolled("+15550100001");
        // Another machine: its own data folder, the same master key and database.
        using var second = new TestHostBuilder().UseClock(first.Time).OnStore(database).WithOneRuleNotPolled("+15550100001")
            .With("Security:KeyFile", first.KeyFile);
        await using var a = await first.StartAsync();
        await using var b = await second.StartAsync();
        await a.Services.GetRequiredService<OperatorStore>().AddAsync("olivia", SecurityHost.Password, OperatorRoles.Operator, Ct);
        a.Services.GetRequiredService<AccessState>().Invalidate();
        b.Services.GetRequiredService<AccessState>().Invalidate();
        using var onA = new SessionBrowser(new Uri(a.Urls.First()));
        using var signIn = await onA.SignInAsync("olivia", SecurityHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var tokenResponse = await onA.GetAsync("/api/antiforgery");
        var token = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // The same browser (its cookies) now reaches the other instance (an absolute address leaves the first).
        var onB = new Uri(b.Urls.First());
        using var overview = await onA.GetAsync(new Uri(onB, "/").AbsoluteUri);
        using var paused = await onA.SendAsync(HttpMethod.Post, new Uri(onB, $"/api/rules/{Rule}/pause").AbsoluteUri, headers: new Dictionary<string, string>
        {
            [token.GetProperty("headerName").GetString()!] = token.GetProperty("token").GetString()!,
        });

        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(first.DataFolder, "dataprotection-keys")), "on PostgreSQL the keys are in the database");
    }
}
