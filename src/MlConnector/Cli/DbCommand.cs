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
        migrate.TreatUnmatchedTokensAsErrors = false;
        migrate.SetAction((result, _) => StartupErrors.GuardAsync(() =>
        {
            var app = ConnectorHost.Build(RunCommand.HostArguments(result));
            var dialect = app.Services.GetRequiredService<IDbDialect>();
            var applied = dialect.Migrate();
            Console.WriteLine($"{dialect.Describe()}: {applied.Applied.Count} migration(s) applied" +
                (applied.Applied.Count > 0 ? $" ({string.Join(", ", applied.Applied)})." : "; the schema was up to date."));
            return Task.FromResult(ExitCodes.Ok);
        }));

        return new Command("db", "Database administration.") { migrate };
    }
}
