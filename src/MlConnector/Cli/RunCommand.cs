using System.CommandLine;
using MlConnector.Hosting;

namespace MlConnector.Cli;

/// <summary><c>ml-connector run</c>: the service (also what no verb at all means).</summary>
internal static class RunCommand
{
    public static readonly Option<string?> Urls = new("--urls")
    {
        Description = $"Addresses to listen on (default {ConnectorHost.DefaultUrl}; http://127.0.0.1:0 picks a free port).",
    };

    public static readonly Option<FileInfo?> Config = new("--config")
    {
        Description = "A JSON settings file read after appsettings.json (rules, recipients, credentials references).",
    };

    public static Command Create()
    {
        var command = new Command("run", "Run the service: poll SYSPRO, send texts through Twilio, serve the dashboard and API. " +
            "Settings go after any verb as --Section:Key=value.")
        {
            Urls,
            Config,
        };
        command.SetAction((result, ct) => RunAsync(HostArguments(result), ct));
        return command;
    }

    /// <summary>The host's own arguments: our options in host form, then the host settings of the command line.</summary>
    public static string[] HostArguments(ParseResult result)
    {
        var args = new List<string>();
        if (result.GetValue(Urls) is { } urls)
        {
            args.Add($"--urls={urls}");
        }

        if (result.GetValue(Config) is { } config)
        {
            args.Add($"--{HostingExtensions.ConfigFileSetting}={config.FullName}");
        }

        args.AddRange(CliConsole.HostSettings);
        return [.. args];
    }

    public static Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken) =>
        StartupErrors.GuardAsync(async () =>
        {
            await using var app = ConnectorHost.Build(hostArgs);
            StartupChecks.Run(app.Services);
            ListeningAddresses.Check(app);
            await app.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        });
}
