using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Access;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Security;

/// <summary>The real service with the second factor on (<c>Twilio:VerifyServiceSid</c> of the Twilio simulator, which
/// shares the connector's fake clock), an operator with a phone (olivia) and a viewer without one (victor).</summary>
internal sealed class SecondFactorHost : IAsyncDisposable
{
    public const string Password = SecurityHost.Password;
    public const string OliviaPhone = "+15550107002";
    private readonly TestHostBuilder _host;

    private SecondFactorHost(TestHostBuilder host, TwilioSimulator twilio, WebApplication app)
    {
        (_host, Twilio, App) = (host, twilio, app);
    }

    public TwilioSimulator Twilio { get; }

    public WebApplication App { get; }

    public FakeTimeProvider Clock => _host.Clock;

    public TestHostBuilder Builder => _host;

    public Uri Address => new(App.Urls.First());

    public static async Task<SecondFactorHost> StartAsync(TimeProvider? clock = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = new TestHostBuilder().UseClock(clock ?? TestClock.New()).WithOneRuleNotPolled("+15550100001");
        TwilioSimulator? twilio = null;
        try
        {
            twilio = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), host.Time, cancellationToken: ct);
            host.WithTwilio(twilio).With("Twilio:VerifyServiceSid", twilio.Options.Verify.ServiceSid);
            var app = await host.StartAsync();
            var operators = app.Services.GetRequiredService<OperatorStore>();
            await operators.AddAsync("olivia", Password, OperatorRoles.Operator, ct);
            await operators.AddAsync("victor", Password, OperatorRoles.Viewer, ct);
            Assert.True((await app.Services.GetRequiredService<OperatorPhones>().SetAsync("olivia", "(555) 010-7002", ct)).Done);
            app.Services.GetRequiredService<AccessState>().Invalidate();
            return new SecondFactorHost(host, twilio, app);
        }
        catch
        {
            if (twilio is not null)
            {
                await twilio.DisposeAsync();
            }

            host.Dispose();
            throw;
        }
    }

    /// <summary>The password step: it leads to the code page and starts no session.</summary>
    public async Task<SessionBrowser> PasswordStepAsync(string user)
    {
        var browser = new SessionBrowser(Address);
        using var response = await browser.SignInAsync(user, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login/code", response.Headers.Location?.ToString());
        Assert.Null(browser.Session);
        return browser;
    }

    public static Task<HttpResponseMessage> CodeAsync(SessionBrowser browser, string code) =>
        browser.PostFormAsync("/login/code?handler=Code", new() { ["code"] = code }, tokenFrom: "/login/code");

    public static Task<HttpResponseMessage> RecoveryCodeAsync(SessionBrowser browser, string code) =>
        browser.PostFormAsync("/login/code?handler=Recovery", new() { ["recoveryCode"] = code }, tokenFrom: "/login/code");

    public static Task<HttpResponseMessage> ResendAsync(SessionBrowser browser) =>
        browser.PostFormAsync("/login/code?handler=Resend", [], tokenFrom: "/login/code");

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        await Twilio.DisposeAsync();
        _host.Dispose();
    }
}
