using System.CommandLine;
using MlConnector.Hosting;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Cli;

/// <summary>Admin verbs build the service's host without starting it (no Kestrel, no workers), make the start-up
/// checks (settings, key, rules, the database brought up to date), say which database they opened, and use the same
/// services the dashboard and API use. They find the service's settings the way the service does, and beside a demo
/// folder with no other settings, the demo's.</summary>
internal static class AdminHost
{
    /// <summary>Adds <c>--config</c>; host settings (<c>--Storage:DataFolder=...</c>) go through after any verb.</summary>
    public static Command Admin(this Command command)
    {
        command.Options.Add(RunCommand.Config);
        return command;
    }

    public static Task<int> RunAsync(ParseResult result, bool needsKey, Func<IServiceProvider, Task<int>> action,
        CancellationToken ct, params string[] extraHostArgs) =>
        StartupErrors.GuardAsync(async () =>
        {
            await using var app = ConnectorHost.Build([.. Arguments(result), .. extraHostArgs]);
            StartupChecks.Run(app.Services, needsKey);
            await CliConsole.Error.WriteLineAsync($"ml-connector: database: {app.Services.GetRequiredService<IDbDialect>().Describe()}");
            if (needsKey)
            {
                var protector = app.Services.GetRequiredService<FieldProtector>();
                protector.Activate(await app.Services.GetRequiredService<KeyRingStore>().ActiveKeyIdAsync(ct));
            }

            return await action(app.Services);
        });

    /// <summary>The host arguments of a verb that works on the service's data: its own, or beside a running demo with
    /// no settings of its own (no --config, no appsettings.json here), the demo's settings file.</summary>
    public static string[] Arguments(ParseResult result)
    {
        var args = RunCommand.HostArguments(result);
        if (result.GetValue(RunCommand.Config) is not null || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
            || DemoSettings.FileBeside(Directory.GetCurrentDirectory()) is not { } demo)
        {
            return args;
        }

        CliConsole.Error.WriteLine($"ml-connector: settings: {demo} (the demo's; there is no appsettings.json or --config here)");
        return [$"--{HostingExtensions.ConfigFileSetting}={demo}", .. args];
    }

    /// <summary>The role option of <c>users add</c> and <c>users role</c> (<paramref name="forUsers"/>: viewer, operator
    /// or admin) and of <c>apikeys create</c> (viewer or operator: a key never administers).</summary>
    public static Option<string> RoleOption(bool forUsers) => new("--role")
    {
        Description = forUsers
            ? "viewer (reads), operator (also replays, pauses rules and sends test texts) or admin (also manages users, API keys and sessions on the dashboard)."
            : "viewer (reads) or operator (also replays, pauses rules and sends test texts).",
        DefaultValueFactory = _ => Access.OperatorRoles.Viewer,
        Validators =
        {
            r =>
            {
                var role = r.GetValueOrDefault<string>();
                if (forUsers ? !Access.OperatorRoles.IsValid(role) : !Access.OperatorRoles.IsValidForApiKey(role))
                {
                    r.AddError(forUsers ? "--role must be viewer, operator or admin." : "--role must be viewer or operator.");
                }
            },
        },
    };
}
