using DbUp.Builder;

namespace MlConnector.Storage;

/// <summary>Runs the embedded scripts of one dialect folder (Storage/Sql/{dialect}/) through DbUp, in the order of their
/// names: 001..004, then YYYYMMDD_HHMM_name.sql (docs/architecture.md, "Database migrations").</summary>
internal static class Migrations
{
    public static MigrationResult Run(UpgradeEngineBuilder builder, string dialectFolder)
    {
        var prefix = $"MlConnector.Storage.Sql.{dialectFolder}.";
        var engine = builder
            .WithScriptsEmbeddedInAssembly(typeof(Migrations).Assembly,
                name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

        var result = engine.PerformUpgrade();
        if (!result.Successful && result.ErrorScript is null)
        {
            // No script ran: the database could not be opened at all (unreachable, locked, read-only).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(result.Error);
        }

        if (!result.Successful)
        {
            var script = result.ErrorScript?.Name.Replace(prefix, "", StringComparison.Ordinal) ?? "(unknown script)";
            throw new InvalidOperationException($"Database migration {script} failed: {result.Error.Message}", result.Error);
        }

        return new MigrationResult(result.Scripts
            .Select(s => s.Name.Replace(prefix, "", StringComparison.Ordinal))
            .ToList());
    }
}
