using System.Data.Common;
using DbUp;
using Npgsql;

namespace MlConnector.Storage;

/// <summary>PostgreSQL, for several connector instances sharing one database. Its data source (the connection pool)
/// is disposed with the host that created it.</summary>
internal sealed class PostgresDialect : IDbDialect, IAsyncDisposable, IDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource _dataSource;
    private readonly StorageOptions _options;

    public PostgresDialect(StorageOptions options)
    {
        _options = options;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            CommandTimeout = (int)options.CommandTimeout.TotalSeconds,
        };
        _connectionString = builder.ToString();
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    public StorageProvider Provider => StorageProvider.Postgres;

    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        return $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}";
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    public MigrationResult Migrate()
    {
        try
        {
            return Migrations.Run(DeployChanges.To.PostgresqlDatabase(_connectionString), "postgres");
        }
        catch (Exception e) when (DatabaseUnavailableException.From(e, Describe(), _options) is { } unavailable)
        {
            throw unavailable;
        }
    }
}
