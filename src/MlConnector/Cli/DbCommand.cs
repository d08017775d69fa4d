using System.CommandLine;
using MlConnector.Hosting;
using MlConnector.Storage;

namespace MlConnector.Cli;

/// <summary><c>ml-connector db migrate</c>: bring the database schema up to date and exit.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate",
            "Create the database if needed and apply pending migrations (run also happens at every start-up).")
        {
            RunCommand.Config,
        };
        migrate.SetAction((result, _) => StartupErrors.GuardAsync(async () =>
        {
            await using var app = ConnectorHost.Build(AdminHost.Arguments(result));
            StartupChecks.Run(app.Services, needsKey: false, database: false);
            var dialect = app.Services.GetRequiredService<IDbDialect>();
            var applied = dialect.Migrate();
            CliConsole.Out.WriteLine($"{dialect.Describe()}: {applied.Applied.Count} migration(s) applied" +
                (applied.Applied.Count > 0 ? $" ({string.Join(", ", applied.Applied)})." : "; the schema was up to date."));
            return ExitCodes.Ok;
        }));

        return new Command("db", "Database administration.") { migrate };
    }
}
