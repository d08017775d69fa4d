using MlConnector.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Access;
using MlConnector.Hosting;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Security;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Dashboard;

/// <summary>The real service on a free loopback port (a browser needs a socket), with an operator, a viewer and one
/// rule; polling is off, so the only alerts are the ones a test seeds.</summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string Password = "correct horse battery";
    private readonly TempFolder _folder;

    private DashboardHost(WebApplication app, TempFolder folder, TwilioSimulator? twilio)
    {
        App = app;
        _folder = folder;
        Twilio = twilio;
    }

    /// <summary>A Twilio simulator the connector sends to (when started with one), on the system clock.</summary>
    public TwilioSimulator? Twilio { get; }

    public WebApplication App { get; }

    public string BaseUrl => App.Urls.First();

    public static async Task<DashboardHost> StartAsync(bool withTwilio = false)
    {
        var folder = new TempFolder();
        MasterKeyLoader.EnsureKeyFile(folder.Combine("master.key"));
        var twilio = withTwilio
            ? await TwilioSimulator.StartAsync(new TwilioSimulatorOptions
            {
                SentDelay = TimeSpan.FromMilliseconds(100),
                DeliveredDelay = TimeSpan.FromMilliseconds(200),
            }, TimeProvider.System, "http://127.0.0.1:0", null, TestContext.Current.CancellationToken)
            : null;
        string[] delivery = twilio is null ? [] :
        [
            .. SimulatorSettings.Twilio(twilio).Select(kv => $"--{kv.Key}={kv.Value}"),
            "--Outbox:PollInterval=00:00:00.200",
        ];
        var app = ConnectorHost.Build([
            .. delivery,
            "--urls=http://127.0.0.1:0",
            $"--Storage:DataFolder={folder.Combine("data")}",
            $"--Security:KeyFile={folder.Combine("master.key")}",
            "--Polling:Enabled=false",
            "--Syspro:OData:BaseUrl=http://127.0.0.1:9/odata/",
            "--Directory:People:approver:Name=Alex Approver",
            "--Directory:People:approver:Phone=+15550100001",
            "--Directory:People:approver:Groups:0=approvers",
            "--Rules:po-submitted:Recipients:Groups:0=approvers",
        ]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var operators = app.Services.GetRequiredService<OperatorStore>();
        await operators.AddAsync("olivia", Password, OperatorRoles.Operator, TestContext.Current.CancellationToken);
        await operators.AddAsync("victor", Password, OperatorRoles.Viewer, TestContext.Current.CancellationToken);
        app.Services.GetRequiredService<AccessState>().Invalidate();
        return new DashboardHost(app, folder, twilio);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        if (Twilio is not null)
        {
            await Twilio.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
