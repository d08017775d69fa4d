using System.Data.Common;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Audit;

/// <summary>Reads the audit trail: one alert's timeline, or a time range for the export.</summary>
public sealed class AuditTrail(IDbDialect dialect)
{
    private const int BatchSize = 1000;

    /// <summary>Every line about one alert, oldest first, with its sealed detail (still encrypted).</summary>
    public static async Task<List<AuditRow>> ForAlertAsync(DbConnection connection, long alertId, CancellationToken ct) =>
        (await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditRow.Columns}, sealed_detail AS SealedDetail FROM audit WHERE alert_id = @id ORDER BY id",
            new { id = alertId }, cancellationToken: ct))).ToList();

    /// <summary>Audit lines in a time range, oldest first, read in batches so an export never holds them all.</summary>
    public async IAsyncEnumerable<AuditLine> RangeAsync(DateTimeOffset from, DateTimeOffset to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            List<AuditRow> batch;
            await using (var connection = await dialect.OpenAsync(ct))
            {
                batch = (await connection.QueryAsync<AuditRow>(new CommandDefinition(
                    $"""
                    SELECT {AuditRow.Columns} FROM audit
                    WHERE at >= @from AND at < @to AND id > @after ORDER BY id LIMIT {BatchSize}
                    """, new { from = from.ToStored(), to = to.ToStored(), after }, cancellationToken: ct))).ToList();
            }

            foreach (var row in batch)
            {
                yield return row.ToLine();
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }
}
