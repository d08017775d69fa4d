using Microsoft.Extensions.DependencyInjection;
using MlConnector.Hosting;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Storage;

public sealed class DialectDisposalTests
{
    [Fact]
    public async Task Postgres_DataSourceIsDisposedWithTheHost()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        using var folder = new TempFolder();
        var app = ConnectorHost.Build([
            "--Storage:Provider=Postgres", $"--Storage:ConnectionString={database.ConnectionString}",
            $"--Storage:DataFolder={folder.Path}",
        ]);
        var dialect = app.Services.GetRequiredService<IDbDialect>();
        await (await dialect.OpenAsync(TestContext.Current.CancellationToken)).DisposeAsync();

        await app.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => dialect.OpenAsync(TestContext.Current.CancellationToken));
    }
}
