using Npgsql;

namespace MlConnector.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database per test on the server named by MLC_TEST_POSTGRES. Without that variable the test
/// skips, unless MLC_REQUIRE_POSTGRES=1 (CI), where it fails instead.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;
    private readonly string _name;

    private PostgresTestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The database a store-parametrised test runs on: null for SQLite (a file the harness creates), or a fresh
/// PostgreSQL database.</summary>
public static class StoreDatabase
{
    public static async Task<PostgresTestDatabase?> ForAsync(string store) =>
        store == "postgres" ? await PostgresTestDatabase.CreateAsync() : null;
}
