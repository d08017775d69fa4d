using Dapper;
using Microsoft.Data.Sqlite;

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

    [Fact]
    public async Task Open_AgainFromThePool_TheConnectionKeepsItsSettings_AndANewOneGetsThem()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        object first;
        await using (var connection = await store.Dialect.OpenAsync(Ct))
        {
            first = ((SqliteConnection)connection).Handle!;
        }

        // The pool hands back the same SQLite connection: the settings it was given at its first open are still there.
        await using (var again = await store.Dialect.OpenAsync(Ct))
        {
            Assert.Same(first, ((SqliteConnection)again).Handle);
            Assert.Equal((30_000L, 1L), (await again.ExecuteScalarAsync<long>("PRAGMA busy_timeout"),
                await again.ExecuteScalarAsync<long>("PRAGMA synchronous")));
        }

        // A new physical connection gets them at its first open.
        SqliteConnection.ClearAllPools();
        await using var fresh = await store.Dialect.OpenAsync(Ct);
        Assert.NotSame(first, ((SqliteConnection)fresh).Handle);
        Assert.Equal((30_000L, 1L), (await fresh.ExecuteScalarAsync<long>("PRAGMA busy_timeout"),
            await fresh.ExecuteScalarAsync<long>("PRAGMA synchronous")));
    }
}
