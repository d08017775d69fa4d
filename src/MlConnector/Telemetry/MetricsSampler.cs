using Dapper;
using MlConnector.Audit;
using MlConnector.Outbox;
using MlConnector.Storage;

namespace MlConnector.Telemetry;

/// <summary>Every 15 seconds: counts alerts by state and feeds new poll runs and send attempts into the instruments.</summary>
internal sealed class MetricsSampler(IDbDialect dialect, ConnectorMetrics metrics, TimeProvider time, ILogger<MetricsSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private long _lastPollRun;
    private long _lastAudit;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.SampleFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var states = (await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM alerts GROUP BY state", cancellationToken: ct))).ToDictionary(r => r.State, r => r.Count);
        var retrying = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM alerts WHERE state = @pending AND attempts > 0", new { pending = AlertStates.Pending }, cancellationToken: ct));
        metrics.Sampled(states, states.GetValueOrDefault(AlertStates.Pending), retrying);

        var polls = await connection.QueryAsync<(long Id, long DurationMs, long RowsRead)>(new CommandDefinition(
            "SELECT id, duration_ms, rows_read FROM poll_runs WHERE id > @after ORDER BY id", new { after = _lastPollRun }, cancellationToken: ct));
        foreach (var poll in polls)
        {
            metrics.PollDuration.Record(poll.DurationMs / 1000.0);
            metrics.RowsRead.Add(poll.RowsRead);
            _lastPollRun = poll.Id;
        }

        var attempts = await connection.QueryAsync<(long Id, long At, long CreatedAt, long Attempts)>(new CommandDefinition(
            """
            SELECT audit.id, audit.at, alerts.created_at, alerts.attempts FROM audit JOIN alerts ON alerts.id = audit.alert_id
            WHERE audit.kind = @attempt AND audit.id > @after ORDER BY audit.id
            """, new { attempt = AuditKinds.Attempt, after = _lastAudit }, cancellationToken: ct));
        foreach (var attempt in attempts)
        {
            metrics.SendLatency.Record((attempt.At - attempt.CreatedAt) / 1000.0);
            if (attempt.Attempts > 1)
            {
                metrics.Retries.Add(1);
            }

            _lastAudit = attempt.Id;
        }
    }
}
