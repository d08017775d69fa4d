namespace MlConnector.Storage;

/// <summary>Brings the schema up to date before any other service touches the database.</summary>
internal sealed class MigrateOnStartup(IDbDialect dialect, ILogger<MigrateOnStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var result = dialect.Migrate();
        var database = dialect.Describe();
        logger.DatabaseReady(database, result.Applied.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
