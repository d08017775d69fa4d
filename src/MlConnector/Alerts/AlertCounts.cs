using Dapper;
using MlConnector.Audit;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>A send attempt as the metrics see it: when it was audited, when its alert was created, the alert's attempts.</summary>
public sealed record AttemptSample(long AuditId, DateTimeOffset At, DateTimeOffset AlertCreatedAt, long AlertAttempts);

/// <summary>Counts over all alerts, for the metrics and the Twilio health check (every instance's work alike).</summary>
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

    /// <summary>Send attempts audited after audit line <paramref name="afterAuditId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<AttemptSample>> AttemptsAfterAsync(long afterAuditId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, long At, long CreatedAt, long Attempts)>(new CommandDefinition(
            """
            SELECT audit.id, audit.at, alerts.created_at, alerts.attempts FROM audit JOIN alerts ON alerts.id = audit.alert_id
            WHERE audit.kind = @attempt AND audit.id > @after ORDER BY audit.id
            """, new { attempt = AuditKinds.Attempt, after = afterAuditId }, cancellationToken: ct));
        return rows.Select(r => new AttemptSample(r.Id, UnixTime.FromStored(r.At), UnixTime.FromStored(r.CreatedAt), r.Attempts)).ToList();
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
