using Dapper;
using Microsoft.Data.Sqlite;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Storage;

public sealed class MigrationTests
{
    private static readonly string[] BusinessTables =
        ["rule_state", "rule_snapshot", "poll_runs", "alerts", "audit", "delivery_events", "inbound_messages", "opt_outs"];

    [Fact]
    public async Task Migrate_Sqlite_CreatesTheSchemaInWalModeAndIsIdempotent()
    {
        using var host = new TestHostBuilder(withKey: false);
        var dialect = host.Dialect();

        var first = dialect.Migrate();
        var second = dialect.Migrate();

        Assert.Contains("001_initial.sql", first.Applied);
        Assert.Empty(second.Applied);
        await using var connection = await dialect.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        foreach (var table in BusinessTables)
        {
            var columns = (await connection.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}')")).ToList();
            Assert.Contains("company_id", columns);
        }

        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Migrate_Postgres_CreatesTheSameSchemaAndIsIdempotent()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        using var host = new TestHostBuilder(withKey: false).OnStore(database);
        var dialect = host.Dialect();

        var first = dialect.Migrate();
        var second = dialect.Migrate();

        Assert.Contains("001_initial.sql", first.Applied);
        Assert.Empty(second.Applied);
        await using var connection = await dialect.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var table in BusinessTables)
        {
            var columns = (await connection.QueryAsync<string>(
                "SELECT column_name FROM information_schema.columns WHERE table_name = @table", new { table })).ToList();
            Assert.Contains("company_id", columns);
        }
    }

    [Fact]
    public async Task Audit_Sqlite_RefusesUpdatesAndDeletes()
    {
        using var host = new TestHostBuilder(withKey: false);
        var dialect = host.Dialect();
        dialect.Migrate();
        await using var connection = await dialect.OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO audit (company_id, at, kind, actor) VALUES ('default', 1, 'detected', 'system')");

        var update = await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("UPDATE audit SET kind = 'x'"));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("DELETE FROM audit"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Audit_Postgres_RefusesUpdatesAndDeletes()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        using var host = new TestHostBuilder(withKey: false).OnStore(database);
        var dialect = host.Dialect();
        dialect.Migrate();
        await using var connection = await dialect.OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO audit (company_id, at, kind, actor) VALUES ('default', 1, 'detected', 'system')");

        var update = await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("UPDATE audit SET kind = 'x'"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
    }
}
