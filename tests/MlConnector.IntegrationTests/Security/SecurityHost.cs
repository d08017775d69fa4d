using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Access;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Security;

/// <summary>The real service on a free loopback port and a fake clock, with one rule (not polled), an operator
/// (olivia), a viewer (victor) and an admin (ada); the CLI's environment for the same store.</summary>
internal sealed class SecurityHost : IAsyncDisposable
{
    public const string Password = "correct horse battery";
    public const string Rule = "po-submitted";
    private readonly TestHostBuilder _host;

    private SecurityHost(TestHostBuilder host, WebApplication app)
    {
        _host = host;
        App = app;
    }

    public WebApplication App { get; }

    public FakeTimeProvider Clock => _host.Clock;

    public TestHostBuilder Builder => _host;

    public Uri Address => new(App.Urls.First());

    public static async Task<SecurityHost> StartAsync(Func<TestHostBuilder, TestHostBuilder>? settings = null)
    {
        var host = new TestHostBuilder().UseClock(TestClock.New()).WithOneRuleNotPolled("+15550100001");
        settings?.Invoke(host);
        try
        {
            var app = await host.StartAsync();
            var operators = app.Services.GetRequiredService<OperatorStore>();
            await operators.AddAsync("olivia", Password, OperatorRoles.Operator, TestContext.Current.CancellationToken);
            await operators.AddAsync("victor", Password, OperatorRoles.Viewer, TestContext.Current.CancellationToken);
            await operators.AddAsync("ada", Password, OperatorRoles.Admin, TestContext.Current.CancellationToken);
            app.Services.GetRequiredService<AccessState>().Invalidate();
            return new SecurityHost(host, app);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Twilio settings (never reached: port 9), so the webhooks check signatures with this token.</summary>
    public static TestHostBuilder WithTwilioToken(TestHostBuilder host) => host
        .With("Twilio:AccountSid", Simulator.AccountSid).With("Twilio:AuthToken", Simulator.AuthToken)
        .With("Twilio:From", "+15005550006").With("Twilio:BaseUrl", "http://127.0.0.1:9/");

    public static readonly MlConnector.Simulators.Twilio.TwilioSimulatorOptions Simulator = new();

    public SessionBrowser Browser() => new(Address);

    /// <summary>Posts a form to a webhook, signed with <paramref name="token"/> (Twilio's own when null).</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string path, Dictionary<string, string> form, string? token = null)
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", MlConnector.Simulators.Twilio.TwilioSignature.Compute(
            token ?? Simulator.AuthToken, new Uri(Address, path).ToString(), form));
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<SessionBrowser> SignedInAsync(string user)
    {
        var browser = Browser();
        using var response = await browser.SignInAsync(user, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(browser.Session);
        return browser;
    }

    public async Task<IReadOnlyList<(string Kind, string Actor, string? Detail)>> AuditAsync()
    {
        await using var connection = await App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return [.. await connection.QueryAsync<(string, string, string?)>("SELECT kind, actor, detail FROM audit ORDER BY id")];
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        _host.Dispose();
    }
}
