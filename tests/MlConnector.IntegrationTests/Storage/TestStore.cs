using Microsoft.Data.Sqlite;
using MlConnector.Alerts;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Storage;

/// <summary>A migrated, empty store of either dialect for tests of the SQL itself (no host, no dispatcher): "sqlite"
/// (a file in a temporary folder) or "postgres" (a fresh database).</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly PostgresTestDatabase? _database;

    private TestStore(IDbDialect dialect, TempFolder folder, PostgresTestDatabase? database)
    {
        Dialect = dialect;
        _folder = folder;
        _database = database;
    }

    public static TheoryData<string> Both => ["sqlite", "postgres"];

    public IDbDialect Dialect { get; }

    public FieldProtector Protector { get; } = new(DataKeySet.CreateRandom());

    public static async Task<TestStore> CreateAsync(string store)
    {
        var folder = new TempFolder();
        var database = await StoreDatabase.ForAsync(store);
        var dialect = StorageExtensions.CreateDialect(database is null
            ? new StorageOptions { DataFolder = folder.Path }
            : new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = database.ConnectionString });
        dialect.Migrate();
        return new TestStore(dialect, folder, database);
    }

    /// <summary>A pending alert due at <paramref name="now"/>, as detection enqueues it; its id.</summary>
    public async Task<long> EnqueueAsync(string key, DateTimeOffset now, string? renderError = null, HoldReason? hold = null,
        string rule = "po-approved")
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await Dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await new AlertEnqueuer(Protector).EnqueueAsync(connection, transaction,
            new NewAlert("default", rule, "PorMasterHdr", key, "0->1", "1", "approver", "+15550100001", $"PO {key} approved",
                1, "Gsm7", renderError), new Dictionary<string, string?>(), now, ct, hold);
        await transaction.CommitAsync(ct);
        return id!.Value;
    }

    /// <summary>Runs test set-up SQL (moving an alert to a state or a time the test needs).</summary>
    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = await Dialect.OpenAsync(TestContext.Current.CancellationToken);
        await Dapper.SqlMapper.ExecuteAsync(connection, sql, args);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Dialect.OpenAsync(TestContext.Current.CancellationToken);
        return (await Dapper.SqlMapper.ExecuteScalarAsync<T>(connection, sql, args))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Dialect is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
