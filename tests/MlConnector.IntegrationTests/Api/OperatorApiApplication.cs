using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Access;

namespace MlConnector.IntegrationTests.Api;

/// <summary>The connector with one rule configured (polling off) and helpers for users and API keys.</summary>
internal static class OperatorApiApplication
{
    public const string Phone = "+15550100001";

    public static ConnectorApplication Create() => new ConnectorApplication().With(host => host.WithOneRuleNotPolled(Phone));

    public static async Task<string> ApiKeyAsync(this ConnectorApplication app, string name, string role)
    {
        var key = await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync(name, role, TestContext.Current.CancellationToken);
        app.Services.GetRequiredService<AccessState>().Invalidate();
        return key!;
    }

    public static HttpClient ClientWithKey(this ConnectorApplication app, string key)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, TestContext.Current.CancellationToken);
}
