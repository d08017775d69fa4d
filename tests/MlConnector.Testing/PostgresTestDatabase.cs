using Npgsql;

namespace MlConnector.Testing;

/// <summary>
/// A fresh PostgreSQL database per test on the server named by MLC_TEST_POSTGRES. Without that variable the test
/// skips, unless MLC_REQUIRE_POSTGRES=1 (CI), where it fails instead.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    // 42501: the role may not end another role's backend (an autovacuum worker that started on the fresh database);
    // 55006: the database is still in use. Both pass once that backend is gone, so the drop is tried again.
    private static readonly string[] TransientDropErrors = ["42501", "55006"];
    private const int DropAttempts = 10;

    private readonly string _serverConnectionString;
    private readonly string _name;

    private PostgresTestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public string Name => _name;

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("MLC_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            if (Environment.GetEnvironmentVariable("MLC_REQUIRE_POSTGRES") == "1")
            {
                Assert.Fail("MLC_REQUIRE_POSTGRES=1 but MLC_TEST_POSTGRES is not set.");
            }

            Assert.Skip("PostgreSQL tests need MLC_TEST_POSTGRES (a connection string to a server where the user may create databases).");
        }

        var name = $"mlc_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PostgresTestDatabase(server, name, builder.ToString());
    }

    /// <summary>
    /// Drops the database. Cleanup never fails a test that passed: a drop still refused after several tries is
    /// reported as a warning on the test (with PostgreSQL's reason), and the database is left behind.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        PostgresException? last = null;
        for (var attempt = 1; attempt <= DropAttempts; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_serverConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (TransientDropErrors.Contains(e.SqlState))
            {
                last = e;
                // Cleanup waits on the real clock: it waits for a PostgreSQL backend, not for the code under test.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }

        TestContext.Current.AddWarning(
            $"The test database {_name} could not be dropped after {DropAttempts} tries and was left on the server: " +
            $"{last?.SqlState} {last?.MessageText}");
    }
}

/// <summary>The database a store-parametrised test runs on: null for SQLite (a file the harness creates), or a fresh
/// PostgreSQL database.</summary>
public static class StoreDatabase
{
    public static async Task<PostgresTestDatabase?> ForAsync(string store) =>
        store == "postgres" ? await PostgresTestDatabase.CreateAsync() : null;
}
