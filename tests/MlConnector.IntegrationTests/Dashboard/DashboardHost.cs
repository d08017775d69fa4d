using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using MlConnector.Access;
using MlConnector.Outbox;
using MlConnector.Simulators.Twilio;
using MlConnector.Storage;

using static Microsoft.Playwright.Assertions;

namespace MlConnector.IntegrationTests.Dashboard;

/// <summary>The real service on a free loopback port (a browser needs a socket), with an operator (olivia), a viewer
/// (victor), an admin (ada) and one rule; polling is off, so the only alerts are the ones a test seeds. The connector
/// and the Twilio simulator share a fake clock that starts at the real time (the browser's cookies run on the real
/// clock).</summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string Password = "correct horse battery";
    private readonly TestHostBuilder _host;

    private DashboardHost(TestHostBuilder host, WebApplication app, TwilioSimulator? twilio)
    {
        _host = host;
        App = app;
        Twilio = twilio;
    }

    /// <summary>A Twilio simulator the connector sends to (when started with one), on the connector's clock.</summary>
    public TwilioSimulator? Twilio { get; }

    public WebApplication App { get; }

    public FakeTimeProvider Time => _host.Clock;

    public string BaseUrl => App.Urls.First();

    public static async Task<DashboardHost> StartAsync(bool withTwilio = false)
    {
        var host = new TestHostBuilder().UseClock(TestClock.FromNow()).WithOneRuleNotPolled("+15550100001");
        TwilioSimulator? twilio = null;
        try
        {
            if (withTwilio)
            {
                twilio = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions
                {
                    SentDelay = TimeSpan.FromMilliseconds(100),
                    DeliveredDelay = TimeSpan.FromMilliseconds(200),
                }, host.Time, cancellationToken: TestContext.Current.CancellationToken);
                host.WithTwilio(twilio);
            }

            var app = await host.StartAsync();
            var operators = app.Services.GetRequiredService<OperatorStore>();
            await operators.AddAsync("olivia", Password, OperatorRoles.Operator, TestContext.Current.CancellationToken);
            await operators.AddAsync("victor", Password, OperatorRoles.Viewer, TestContext.Current.CancellationToken);
            await operators.AddAsync("ada", Password, OperatorRoles.Admin, TestContext.Current.CancellationToken);
            app.Services.GetRequiredService<AccessState>().Invalidate();
            return new DashboardHost(host, app, twilio);
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

    /// <summary>Lets the dispatcher send and the simulator call back, on the fake clock, until the alert is in
    /// <paramref name="state"/> in the store or 400 steps have passed (the test then asserts what the page shows).</summary>
    public async Task DeliverUntilAsync(long alertId, string state) =>
        _ = await new DispatchDriver(Time, App.Services.GetRequiredService<DispatcherActivity>(), Twilio!)
            .UntilAsync(async () => await AlertStateAsync(alertId) == state, TimeSpan.FromMilliseconds(500), 400);

    /// <summary>A browser page of its own (cookies apart) signed in as <paramref name="user"/> (with <see cref="Password"/>
    /// unless another is given), at the given viewport.</summary>
    public async Task<IPage> SignedInPageAsync(IBrowser browser, string user, int width = 1280, int height = 800, string password = Password)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await page.FillAsync("input[name=userName]", user);
        await page.FillAsync("input[name=password]", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        if (Twilio is not null)
        {
            await Twilio.DisposeAsync();
        }

        _host.Dispose();
    }

    private async Task<string> AlertStateAsync(long id)
    {
        await using var connection = await App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<string>("SELECT state FROM alerts WHERE id = @id", new { id }) ?? "";
    }
}
