using System.CommandLine;
using MlConnector.Hosting;
using MlConnector.Security;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Twilio;

namespace MlConnector.Cli;

/// <summary>
/// <c>ml-connector demo</c>: the whole product on embedded defaults, no configuration or credentials needed: both
/// simulators in-process, SYSPRO business changes on the clock, the connector with the presets. Everything it writes
/// (database, generated key) stays in one demo folder.
/// </summary>
internal static class DemoCommand
{
    public static readonly Option<DirectoryInfo> Folder = new("--folder")
    {
        Description = "Where the demo keeps its database and its generated key.",
        DefaultValueFactory = _ => new DirectoryInfo(DemoSettings.DefaultFolder),
    };

    public static readonly Option<int> PurchaseOrders = new("--purchase-orders")
    {
        Description = "How many purchase orders the simulated SYSPRO starts with.",
        DefaultValueFactory = _ => 5000,
    };

    public static readonly Option<string> SysproUrl = new("--syspro-url")
    {
        Description = "Where the simulated SYSPRO listens (http://127.0.0.1:0 picks a free port).",
        DefaultValueFactory = _ => "http://127.0.0.1:5082",
    };

    public static readonly Option<string> TwilioUrl = new("--twilio-url")
    {
        Description = "Where the simulated Twilio listens (http://127.0.0.1:0 picks a free port).",
        DefaultValueFactory = _ => "http://127.0.0.1:5081",
    };

    public static readonly Option<TimeSpan> Pace = new("--pace")
    {
        Description = "How often the simulated SYSPRO makes a business change; the rules poll at one and a half times this (at least 5 s).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
    };

    public static Command Create()
    {
        var command = new Command("demo",
            "Run ml-connector against built-in SYSPRO and Twilio simulators, with nothing to configure; Ctrl+C stops it.")
        {
            Folder,
            PurchaseOrders,
            RunCommand.Urls,
            SysproUrl,
            TwilioUrl,
            Pace,
        };
        command.SetAction((result, ct) => StartupErrors.GuardAsync(() => RunAsync(result, ct)));
        return command;
    }

    private static string ConnectorUrlOf(ParseResult result) => result.GetValue(RunCommand.Urls) ?? ConnectorHost.DefaultUrl;

    private static async Task<int> RunAsync(ParseResult result, CancellationToken ct)
    {
        var folder = result.GetRequiredValue(Folder).FullName;
        var keyFile = Path.Combine(folder, "keys", "master.key");
        var created = !File.Exists(keyFile);
        MasterKeyLoader.EnsureKeyFile(keyFile);
        CliConsole.Out.WriteLine(created
            ? $"Demo: generated a master key for this demo only at {keyFile}"
            : $"Demo: using the demo master key at {keyFile}");

        ListeningAddresses.Check(string.Join(';', ConnectorUrlOf(result), result.GetRequiredValue(SysproUrl), result.GetRequiredValue(TwilioUrl)));
        var time = TimeProvider.System;
        var connectorUrl = ConnectorUrlOf(result);
        var pace = result.GetValue(Pace);
        var cadence = TimeSpan.FromSeconds(Math.Max(5, Math.Round(pace.TotalSeconds * 1.5)));
        await using var syspro = await SysproSimulator.StartAsync(new SysproSimulatorOptions
        {
            PurchaseOrders = result.GetValue(PurchaseOrders),
            RunScenario = true,
            ScenarioInterval = pace,
        }, time, result.GetRequiredValue(SysproUrl), ct);
        await using var twilio = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), time,
            result.GetRequiredValue(TwilioUrl), null, ct);
        CliConsole.Out.WriteLine($"Demo: simulated SYSPRO (e.net and OData) on {syspro.BaseAddress}, making a business change every {pace.TotalSeconds:0.#} s");
        CliConsole.Out.WriteLine($"Demo: simulated Twilio on {twilio.BaseAddress}");

        // The demo's settings go into its folder, so the other verbs run beside it (replay, alerts) find its data.
        var settingsFile = DemoSettings.Write(folder, DemoSettings.For(folder, keyFile, syspro, twilio, connectorUrl, cadence));
        await using var app = ConnectorHost.Build([$"--{HostingExtensions.ConfigFileSetting}={settingsFile}", .. CliConsole.HostSettings]);
        StartupChecks.Run(app.Services);
        await app.StartAsync(ct);
        // Inbound texts (STOP, START) go to the address the connector actually bound.
        twilio.Options.InboundWebhookUrl = new Uri(new Uri(app.Urls.First()), "webhooks/twilio/inbound");
        CliConsole.Out.WriteLine($"Demo: its settings are in {settingsFile}; run other verbs here (alerts list, replay ID) to use them.");
        CliConsole.Out.WriteLine($"Demo: the connector answers on {string.Join(", ", app.Urls)}; rules poll every {cadence.TotalSeconds:0} s.");
        CliConsole.Out.WriteLine($"Demo: the dashboard is at {app.Urls.First()}/ (open to this machine only until users are added)");
        CliConsole.Out.WriteLine($"Demo: watch the texts arrive at {twilio.InspectionAddress}");
        CliConsole.Out.WriteLine("Demo: Ctrl+C stops it.");
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
        var incidents = DemoIncidents.RunAsync(twilio, time, stopping.Token);
        await app.WaitForShutdownAsync(ct);
        await stopping.CancelAsync();
        await incidents;
        return ExitCodes.Ok;
    }
}
