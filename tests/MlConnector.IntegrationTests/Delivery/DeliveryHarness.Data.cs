using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>The harness's reads and writes of the connector's store.</summary>
internal sealed partial class DeliveryHarness
{
    public async Task<long> EnqueueAsync(string phone, string body, string key, string company = "default") =>
        (await EnqueueManyAsync([(phone, body, key)], company: company)).Single();

    /// <summary>Enqueues in one transaction; <paramref name="then"/> runs in it too (e.g. to fake a claim).</summary>
    public async Task<List<long>> EnqueueManyAsync(IEnumerable<(string Phone, string Body, string Key)> alerts,
        Func<DbConnection, DbTransaction, Task>? then = null, string company = "default")
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = App.Services.GetRequiredService<AlertEnqueuer>();
        await using var connection = await App.Services.GetRequiredService<IDbDialect>().OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var ids = new List<long>();
        foreach (var (phone, body, key) in alerts)
        {
            var id = await writer.EnqueueAsync(connection, transaction,
                new NewAlert(company, "po-approved", "PorMasterHdr", key, "0->1", "1", "approver", phone, body, 1, "GSM-7", null),
                new Dictionary<string, string?>(), Time.GetUtcNow(), ct);
            ids.Add(id!.Value);
        }

        if (then is not null)
        {
            await then(connection, transaction);
        }

        await transaction.CommitAsync(ct);
        Activity.Wake();
        return ids;
    }

    /// <summary>A further SYSPRO company in the store (as a configured company would be).</summary>
    public async Task AddCompanyAsync(string id)
    {
        await using var connection = await App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync("INSERT INTO companies (id, name, created_at) VALUES (@id, @id, 0) ON CONFLICT (id) DO NOTHING", new { id });
    }

    public async Task<AlertRow> AlertAsync(long id)
    {
        await using var connection = await App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.QuerySingleAsync<AlertRow>(
            """
            SELECT state AS State, attempts AS Attempts, message_sid AS MessageSid, delivery_status AS DeliveryStatus,
                error_code AS ErrorCode, in_doubt_since AS InDoubtSince FROM alerts WHERE id = @id
            """, new { id });
    }

    public async Task<long> CountAsync(string state)
    {
        await using var connection = await App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM alerts WHERE state = @state", new { state });
    }

    public async Task<List<(string Kind, string? Detail)>> AuditAsync(long? alertId = null)
    {
        await using var connection = await App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        var rows = await connection.QueryAsync<(string, string?)>(
            "SELECT kind, detail FROM audit WHERE (@alertId IS NULL AND alert_id IS NULL) OR alert_id = @alertId ORDER BY id",
            new { alertId });
        return rows.ToList();
    }
}

internal sealed class AlertRow
{
    public string State { get; init; } = "";
    public long Attempts { get; init; }
    public string? MessageSid { get; init; }
    public string? DeliveryStatus { get; init; }
    public long? ErrorCode { get; init; }
    public long? InDoubtSince { get; init; }
}
