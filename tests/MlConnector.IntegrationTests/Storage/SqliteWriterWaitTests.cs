using Dapper;

namespace MlConnector.IntegrationTests.Storage;

/// <summary>
/// Writers on one SQLite file take turns. Left to Microsoft.Data.Sqlite, a writer that finds the file busy sleeps
/// 150 ms before it tries again: at 50 texts a second the dispatcher, the status callbacks and the polls collided
/// often enough to stall sending in steps of 150 ms. SQLite's own busy handler waits in steps of milliseconds.
/// </summary>
public sealed class SqliteWriterWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_SqliteConnection_WaitsForTheWriterInsideSqliteUpToTheCommandTimeout()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        await using var connection = await store.Dialect.OpenAsync(Ct);

        Assert.Equal(30_000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
    }
}
