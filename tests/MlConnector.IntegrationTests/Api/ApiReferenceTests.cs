using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MlConnector.Access;

namespace MlConnector.IntegrationTests.Api;

/// <summary>The OpenAPI document says how to sign in to the API, and the reference page is behind the viewer role.</summary>
public sealed class ApiReferenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApi_WithApiKey_DeclaresTheApiKeyHeaderAndRequiresIt()
    {
        await using var app = OperatorApiApplication.Create();
        var key = await app.ApiKeyAsync("docs", OperatorRoles.Viewer);

        var document = await app.ClientWithKey(key).GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var apiKey = schemes.GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"),
            (apiKey.GetProperty("type").GetString(), apiKey.GetProperty("in").GetString(), apiKey.GetProperty("name").GetString()));
        Assert.Equal(("http", "bearer"), (schemes.GetProperty("Bearer").GetProperty("type").GetString(),
            schemes.GetProperty("Bearer").GetProperty("scheme").GetString()));
        Assert.Equal(("cookie", "mlc.session"), (schemes.GetProperty("Session").GetProperty("in").GetString(),
            schemes.GetProperty("Session").GetProperty("name").GetString()));
        // Any one of them will do: one requirement object each.
        var required = document.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
        Assert.Equal(["ApiKey", "Bearer", "Session"], required);
        // The requirement is true of every operation listed: Twilio's webhooks (signed, not signed in) are not listed.
        Assert.All(document.GetProperty("paths").EnumerateObject(), p => Assert.StartsWith("/api/", p.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReferencePage_UsersConfigured_NeedsAViewer_ButItsScriptIsScalarsOwnBundleForAnyone()
    {
        await using var app = OperatorApiApplication.Create();
        var key = await app.ApiKeyAsync("docs", OperatorRoles.Viewer);
        var stranger = app.CreateClient(new() { AllowAutoRedirect = false });

        var refused = await stranger.GetAsync("/api-reference/", Ct);
        var page = await app.ClientWithKey(key).GetStringAsync("/api-reference/", Ct);
        // The package maps its script anonymously: it is the same file for every API and says nothing of this one.
        var script = await stranger.GetAsync("/api-reference/scalar.js", Ct);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/login?ReturnUrl=%2Fapi-reference%2F", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("<script src=\"scalar.js\"></script>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }
}
