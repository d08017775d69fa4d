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
        DefaultValueFactory = _ => new DirectoryInfo("ml-connector-demo"),
    };

    public static readonly Option<int> PurchaseOrders = new("--purchase-orders")
    {
        Description = "How many purchase orders the simulated SYSPRO starts with.",
        DefaultValueFactory = _ => 5000,
    };

    public static Command Create()
    {
        var command = new Command("demo",
            "Run ml-connector against built-in SYSPRO and Twilio simulators, with nothing to configure; Ctrl+C stops it.")
        {
            Folder,
            PurchaseOrders,
            RunCommand.Urls,
        };
        command.SetAction((result, ct) => StartupErrors.GuardAsync(() => RunAsync(result, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken ct)
    {
        var folder = result.GetRequiredValue(Folder).FullName;
        var keyFile = Path.Combine(folder, "keys", "master.key");
        var created = !File.Exists(keyFile);
        MasterKeyLoader.EnsureKeyFile(keyFile);
        Console.WriteLine(created
            ? $"Demo: generated a master key for this demo only at {keyFile}"
            : $"Demo: using the demo master key at {keyFile}");

        var time = TimeProvider.System;
        var connectorUrl = result.GetValue(RunCommand.Urls) ?? ConnectorHost.DefaultUrl;
        await using var syspro = await SysproSimulator.StartAsync(new SysproSimulatorOptions
        {
            PurchaseOrders = result.GetValue(PurchaseOrders),
            RunScenario = true,
            ScenarioInterval = TimeSpan.FromSeconds(10),
        }, time, "http://127.0.0.1:5082", ct);
        await using var twilio = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions
        {
            InboundWebhookUrl = new Uri(new Uri(connectorUrl), "webhooks/twilio/inbound"),
        }, time, "http://127.0.0.1:5081", null, ct);
        Console.WriteLine($"Demo: simulated SYSPRO (e.net and OData) on {syspro.BaseAddress}, making business changes every 10 s");
        Console.WriteLine($"Demo: simulated Twilio on {twilio.BaseAddress}");

        var settings = DemoSettings.For(folder, keyFile, syspro, twilio, connectorUrl);
        await using var app = ConnectorHost.Build(settings.Select(kv => $"--{kv.Key}={kv.Value}").ToArray());
        await app.StartAsync(ct);
        Console.WriteLine($"Demo: the connector answers on {string.Join(", ", app.Urls)}; rules poll every {DemoSettings.Cadence.TotalSeconds:0} s.");
        Console.WriteLine($"Demo: watch the texts arrive at {twilio.InspectionAddress}");
        Console.WriteLine("Demo: Ctrl+C stops it.");
        await app.WaitForShutdownAsync(ct);
        return ExitCodes.Ok;
    }
}
