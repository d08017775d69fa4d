using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlConnector.Alerts;
using MlConnector.Outbox;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Delivery;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Dispatcher_StoppingCleanly_HandsBackTheAlertsItHolds()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var owner = h.App.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single().Owner;
        var id = await h.EnqueueAsync("+15550100011", "PO 9 awaits your approval", "po-9");
        await h.DriveUntilStateAsync(id, AlertStates.Delivered);
        await using (var connection = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken))
        {
            // As if this instance had claimed the alert again and was stopped before sending.
            await connection.ExecuteAsync("UPDATE alerts SET state = 'pending', lease_owner = @owner, lease_until = @until WHERE id = @id",
                new { owner, until = h.Time.GetUtcNow().AddMinutes(2).ToStored(), id });
        }

        var dialect = h.App.Services.GetRequiredService<IDbDialect>();
        await h.StopConnectorAsync();

        await using var check = await dialect.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Null(await check.ExecuteScalarAsync<string?>("SELECT lease_owner FROM alerts WHERE id = @id", new { id }));
        await h.StartConnectorAsync();
    }
}
