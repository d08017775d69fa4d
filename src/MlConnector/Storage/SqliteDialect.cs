using System.Data.Common;
using DbUp;
using Microsoft.Data.Sqlite;

namespace MlConnector.Storage;

/// <summary>The embedded default: one SQLite file in write-ahead-log mode.</summary>
internal sealed class SqliteDialect : IDbDialect
{
    private readonly string _connectionString;
    private readonly string _path;
    private readonly StorageOptions _options;

    public SqliteDialect(StorageOptions options)
    {
        _options = options;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? "");
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            builder.DataSource = Path.Combine(options.DataFolder, "ml-connector.db");
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource);
        builder.ForeignKeys = true;
        builder.DefaultTimeout = (int)options.CommandTimeout.TotalSeconds;
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        _path = builder.DataSource;
        _connectionString = builder.ToString();
    }

    public StorageProvider Provider => StorageProvider.Sqlite;

    public string DatabasePath => _path;

    public string Describe() => $"SQLite file {_path}";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // NORMAL is durable in WAL mode across application crashes; only a power loss can drop the last commits.
        command.CommandText = "PRAGMA synchronous = NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public MigrationResult Migrate()
    {
        try
        {
            return MigrateFile();
        }
        catch (Exception e) when (DatabaseUnavailableException.From(e, Describe(), _options) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private MigrationResult MigrateFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        using (var connection = new SqliteConnection(_connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // WAL is a property of the file: set once, it stays.
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }

        return Migrations.Run(
            DeployChanges.To.SqliteDatabase(_connectionString),
            "sqlite");
    }
}
