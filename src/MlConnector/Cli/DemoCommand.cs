using System.CommandLine;
using MlConnector.Hosting;
using MlConnector.Security;

namespace MlConnector.Cli;

/// <summary>
/// <c>ml-connector demo</c>: the whole product on embedded defaults, no configuration or credentials needed.
/// Everything it writes (database, generated key) stays in one demo folder.
/// </summary>
internal static class DemoCommand
{
    public static readonly Option<DirectoryInfo> Folder = new("--folder")
    {
        Description = "Where the demo keeps its database and its generated key.",
        DefaultValueFactory = _ => new DirectoryInfo("ml-connector-demo"),
    };

    public static Command Create()
    {
        var command = new Command("demo", "Run ml-connector on built-in defaults with nothing to configure; Ctrl+C stops it.")
        {
            Folder,
            RunCommand.Urls,
        };
        command.SetAction((result, ct) => StartupErrors.GuardAsync(async () =>
        {
            var folder = result.GetRequiredValue(Folder).FullName;
            var keyFile = Path.Combine(folder, "keys", "master.key");
            var created = !File.Exists(keyFile);
            MasterKeyLoader.EnsureKeyFile(keyFile);
            Console.WriteLine(created
                ? $"Demo: generated a master key for this demo only at {keyFile}"
                : $"Demo: using the demo master key at {keyFile}");

            string[] args =
            [
                $"--urls={result.GetValue(RunCommand.Urls) ?? ConnectorHost.DefaultUrl}",
                $"--Storage:DataFolder={Path.Combine(folder, "data")}",
                $"--Security:KeyFile={keyFile}",
            ];
            await using var app = ConnectorHost.Build(args);
            await app.StartAsync(ct);
            Console.WriteLine($"Demo: the connector answers on {string.Join(", ", app.Urls)} (health: /health/ready). Ctrl+C stops it.");
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
