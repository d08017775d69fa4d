using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Infrastructure;

/// <summary>Puts alerts in the outbox the way detection does, then moves them to a state a test needs.</summary>
public static class OperatorSeed
{
    public static async Task<long> AlertAsync(IServiceProvider services, string phone, string state = AlertStates.Failed,
        string rule = "po-submitted", string sourceKey = "PO-000123", string body = "PO 000123 needs your approval")
    {
        var dialect = services.GetRequiredService<IDbDialect>();
        var outbox = services.GetRequiredService<AlertEnqueuer>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var alert = new NewAlert("default", rule, "PorMasterHdr", sourceKey, "0->1", Guid.NewGuid().ToString("N"), "approver",
            phone, body, 1, "Gsm7", null);
        var fields = new Dictionary<string, string?> { ["PurchaseOrder"] = sourceKey, ["Supplier"] = "ACME01" };
        var id = (await outbox.EnqueueAsync(connection, transaction, alert, fields, now, ct))!.Value;
        await connection.ExecuteAsync(
            "UPDATE alerts SET state = @state, attempts = 3, error_code = 30003, error_message = 'Unreachable destination handset', next_attempt_at = NULL WHERE id = @id",
            new { state, id }, transaction);
        await transaction.CommitAsync(ct);
        return id;
    }

    /// <summary>An alert in its rule's hold, as a held poll leaves it.</summary>
    public static async Task<long> HeldAlertAsync(IServiceProvider services, string phone, string sourceKey, string rule = "po-submitted")
    {
        var dialect = services.GetRequiredService<IDbDialect>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var alert = new NewAlert("default", rule, "PorMasterHdr", sourceKey, "0->1", Guid.NewGuid().ToString("N"), "approver",
            phone, $"PO {sourceKey} awaits your approval", 1, "Gsm7", null);
        var id = (await services.GetRequiredService<AlertEnqueuer>().EnqueueAsync(connection, transaction, alert,
            new Dictionary<string, string?>(), now, ct, new HoldReason("a burst")))!.Value;
        await transaction.CommitAsync(ct);
        return id;
    }
}
