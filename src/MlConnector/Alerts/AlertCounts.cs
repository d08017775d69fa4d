using Dapper;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>Counts over all alerts (every instance's work alike), for the shared gauges and the Twilio health check.</summary>
public sealed class AlertCounts(IDbDialect dialect)
{
    /// <summary>Alerts by state, and how many pending ones have failed at least once (await a retry).</summary>
    public async Task<(IReadOnlyDictionary<string, long> ByState, long AwaitingRetry)> ByStateAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var states = (await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM alerts GROUP BY state", cancellationToken: ct))).ToDictionary(r => r.State, r => r.Count);
        var retrying = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM alerts WHERE state = @pending AND attempts > 0", new { pending = AlertStates.Pending }, cancellationToken: ct));
        return (states, retrying);
    }

    /// <summary>Alerts changed since <paramref name="since"/>: how many reached Twilio (sent or delivered), and how many
    /// failed or await a retry.</summary>
    public async Task<(long Sent, long Failed)> RecentSendsAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleAsync<(long Sent, long Failed)>(new CommandDefinition(
            """
            SELECT COALESCE(SUM(CASE WHEN state IN (@sent, @delivered) THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN state = @failed OR (state = @pending AND attempts > 0) THEN 1 ELSE 0 END), 0)
            FROM alerts WHERE updated_at >= @since
            """,
            new
            {
                sent = AlertStates.Sent, delivered = AlertStates.Delivered, failed = AlertStates.Failed,
                pending = AlertStates.Pending, since = since.ToStored(),
            },
            cancellationToken: ct));
    }
}
