using Npgsql;

namespace MlConnector.IntegrationTests.Infrastructure;

// The cleanup of every PostgreSQL test: it must drop its database even when a backend that is not the test role's own
// is connected to it (as an autovacuum worker can be), or CI fails at random after a test that passed.
public sealed class PostgresTestDatabaseTests
{
    [Fact]
    public async Task Dispose_AnotherRoleIsConnected_DropsTheDatabase()
    {
        var peer = Environment.GetEnvironmentVariable("MLC_TEST_POSTGRES_PEER");
        if (string.IsNullOrWhiteSpace(peer))
        {
            if (Environment.GetEnvironmentVariable("MLC_REQUIRE_POSTGRES") == "1")
            {
                Assert.Fail("MLC_REQUIRE_POSTGRES=1 but MLC_TEST_POSTGRES_PEER (a second login role) is not set.");
            }

            Assert.Skip("Needs MLC_TEST_POSTGRES_PEER: a connection string of a second login role on the test server.");
        }

        var database = await PostgresTestDatabase.CreateAsync();
        var peerConnection = new NpgsqlConnectionStringBuilder(peer) { Database = database.Name, Pooling = false };
        await using var other = new NpgsqlConnection(peerConnection.ToString());
        await other.OpenAsync(TestContext.Current.CancellationToken);

        await database.DisposeAsync();

        await using var server = new NpgsqlConnection(Environment.GetEnvironmentVariable("MLC_TEST_POSTGRES"));
        await server.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", server);
        count.Parameters.AddWithValue("name", database.Name);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }
}
