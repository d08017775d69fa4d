using System.Data.Common;
using System.Runtime.CompilerServices;
using DbUp;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MlConnector.Storage;

/// <summary>The embedded default: one SQLite file in write-ahead-log mode.</summary>
internal sealed class SqliteDialect : IDbDialect
{
    private readonly string _connectionString;
    private readonly string _path;
    private readonly StorageOptions _options;
    private readonly string _pragmas;

    // The physical connections the PRAGMAs were set on. The pool hands the same SQLite handle back, and a handle keeps
    // its PRAGMAs: setting them at every open cost one statement more each time, and an idle poll opens several.
    private readonly ConditionalWeakTable<sqlite3, object> _prepared = new();

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
        // NORMAL is durable in WAL mode across application crashes; only a power loss can drop the last commits.
        // busy_timeout: a writer that finds the file busy waits inside SQLite, in steps of milliseconds (left to
        // Microsoft.Data.Sqlite it sleeps 150 ms before each retry, which stalled sending at high rates).
        _pragmas = $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(long)options.CommandTimeout.TotalMilliseconds};";
    }

    public StorageProvider Provider => StorageProvider.Sqlite;

    public string DatabasePath => _path;

    public string Describe() => $"SQLite file {_path}";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (connection.Handle is { } handle && !_prepared.TryGetValue(handle, out _))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _prepared.AddOrUpdate(handle, this);
        }

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
        // The folder 0700 and the file 0600 before SQLite first opens it; its -wal and -shm files take the file's mode.
        PrivateFiles.EnsureFolder(Path.GetDirectoryName(_path)!);
        PrivateFiles.EnsureFile(_path);
        PrivateFiles.Restrict(_path, _path + "-wal", _path + "-shm");
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
