using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MlConnector.Access;
using MlConnector.IntegrationTests.Api;

namespace MlConnector.IntegrationTests.Security;

/// <summary>A state change through the API needs an API key, or the session cookie together with an antiforgery
/// header; a cookie alone (what a cross-site form or fetch can send) is refused.</summary>
[Collection(nameof(RunsAlone))]
public sealed class ApiAntiforgeryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CookieOnlyPause_IsRefusedAndTheRuleKeepsPolling()
    {
        await using var host = await SecurityHost.StartAsync();
        using var olivia = await host.SignedInAsync("olivia");

        using var cookieOnly = await olivia.SendAsync(HttpMethod.Post, $"/api/rules/{SecurityHost.Rule}/pause");

        Assert.Equal(HttpStatusCode.BadRequest, cookieOnly.StatusCode);
        Assert.Equal("application/problem+json", cookieOnly.Content.Headers.ContentType?.MediaType);
        Assert.False(await PausedAsync(olivia));
    }

    [Fact]
    public async Task CookieWithAntiforgeryHeader_Pauses_AndAnApiKeyNeedsNoHeader()
    {
        await using var host = await SecurityHost.StartAsync();
        using var olivia = await host.SignedInAsync("olivia");
        using var tokenResponse = await olivia.GetAsync("/api/antiforgery");
        var token = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(Ct);

        using var paused = await olivia.SendAsync(HttpMethod.Post, $"/api/rules/{SecurityHost.Rule}/pause", headers: new Dictionary<string, string>
        {
            [token.GetProperty("headerName").GetString()!] = token.GetProperty("token").GetString()!,
        });

        Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);
        Assert.True(await PausedAsync(olivia));
        var key = await host.App.Services.GetRequiredService<ApiKeyStore>().CreateAsync("ops", OperatorRoles.Operator, Ct);
        using var script = new HttpClient { BaseAddress = host.Address };
        script.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var resumed = await script.PostAsync($"/api/rules/{SecurityHost.Rule}/resume", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
    }

    private static async Task<bool> PausedAsync(SessionBrowser browser)
    {
        using var rule = await browser.GetAsync($"/api/rules/{SecurityHost.Rule}");
        var json = await rule.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return json.GetProperty("rule").GetProperty("paused").GetBoolean();
    }
}
