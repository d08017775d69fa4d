using System.CommandLine;
using MlConnector.Hosting;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Cli;

/// <summary>Admin verbs build the service's host without starting it (no Kestrel, no workers), bring the schema up to
/// date, and use the same services the dashboard and API use.</summary>
internal static class AdminHost
{
    /// <summary>Adds <c>--config</c> and lets host settings (<c>--Storage:DataFolder=...</c>) through.</summary>
    public static Command Admin(this Command command)
    {
        command.Options.Add(RunCommand.Config);
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    public static Task<int> RunAsync(ParseResult result, bool needsKey, Func<IServiceProvider, Task<int>> action,
        CancellationToken ct, params string[] extraHostArgs) =>
        StartupErrors.GuardAsync(async () =>
        {
            await using var app = ConnectorHost.Build([.. RunCommand.HostArguments(result), .. extraHostArgs]);
            app.Services.GetRequiredService<IDbDialect>().Migrate();
            if (needsKey)
            {
                var protector = app.Services.GetRequiredService<FieldProtector>();
                protector.Activate(await app.Services.GetRequiredService<KeyRingStore>().ActiveKeyIdAsync(ct));
            }

            return await action(app.Services);
        });

    /// <summary>A role option shared by <c>users add</c> and <c>apikeys create</c>.</summary>
    public static Option<string> RoleOption() => new("--role")
    {
        Description = "viewer (reads) or operator (also replays, pauses rules and sends test texts).",
        DefaultValueFactory = _ => Access.OperatorRoles.Viewer,
        Validators = { r => { if (!Access.OperatorRoles.IsValid(r.GetValueOrDefault<string>())) r.AddError("--role must be viewer or operator."); } },
    };
}
