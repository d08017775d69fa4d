using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.IntegrationTests.SysproSide;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Delivery;

public sealed class EarlyCallbackTests
{
    [Fact]
    public async Task StatusCallbackBeforeTheSendIsRecorded_IsAppliedWhenItIs()
    {
        // Twilio can call back "delivered" before the dispatcher has written the MessageSid it got from the create.
        // (No Twilio settings here: delivery is off, so nothing but this test touches the alert.)
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData);
        var services = harness.App.Services;
        var ct = TestContext.Current.CancellationToken;
        var dialect = services.GetRequiredService<IDbDialect>();
        long id;
        await using (var connection = await dialect.OpenAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            id = (await services.GetRequiredService<AlertEnqueuer>().EnqueueAsync(connection, transaction,
                new NewAlert("default", "po-approved", "PorMasterHdr", "PO-EARLY", "1->4", "1", "buyer", "+15550100009", "early bird", 1, "Gsm7", null),
                new Dictionary<string, string?>(), harness.Time.GetUtcNow(), ct))!.Value;
            await connection.ExecuteAsync(
                "UPDATE alerts SET lease_owner = 'test', lease_until = @Until, lease_token = 7 WHERE id = @Id",
                new { Id = id, Until = harness.Time.GetUtcNow().AddMinutes(5).ToStored() }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO delivery_events (company_id, message_sid, status, error_code, parameters, received_at)
                VALUES ('default', 'SMearly', 'delivered', NULL, @P, 1), ('default', 'SMearly', 'sent', NULL, @P, 1)
                """, new { P = new byte[] { 1 } }, transaction);
            await transaction.CommitAsync(ct);
        }

        var recorded = await services.GetRequiredService<AttemptRecorder>().RecordAsync(new ClaimedAlert { Id = id, CompanyId = "default", LeaseToken = 7 }, "test",
            new AttemptOutcome(AlertStates.Sent, 1, null, "SMearly", null, null, null, "attempt", "{}"), harness.Time.GetUtcNow(), ct);

        Assert.True(recorded);
        var alert = Assert.Single(await harness.AlertsAsync("po-approved"));
        Assert.Equal("SMearly", alert.MessageSid);
        Assert.Equal("delivered", alert.DeliveryStatus);
        Assert.Equal(AlertStates.Delivered, alert.State);
    }
}
