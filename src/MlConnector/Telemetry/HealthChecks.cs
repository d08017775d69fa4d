using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Detection;
using MlConnector.Syspro;
using MlConnector.Operations;
using MlConnector.Outbox;
using MlConnector.Sms;
using MlConnector.Storage;

namespace MlConnector.Telemetry;

/// <summary>The database answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDbDialect dialect) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
        return HealthCheckResult.Healthy(dialect.Describe());
    }
}

/// <summary>SYSPRO as the polls saw it (no extra logon: an e.net probe would end the service's session), with which
/// instance polls each rule. Unhealthy when an e.net source stopped on a credential error.</summary>
internal sealed class SysproHealthCheck(RuleQueries rules, SysproCompanies companies, PollTracker tracker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var all = await rules.StatusAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["instance"] = tracker.InstanceId };
        foreach (var r in all)
        {
            data[$"rule:{r.Id}"] = (r.HeldBy is { } holder ? $"polled by {holder}" : "not held") + (r.LastError is { } e ? $"; last poll failed: {e}" : "");
        }

        if (companies.All.FirstOrDefault(c => c.Session.StoppedReason is not null) is { } stopped)
        {
            return HealthCheckResult.Unhealthy($"company {stopped.Id}: {stopped.Session.StoppedReason}", data: data);
        }

        var active = all.Where(r => !r.Paused && r.LastPollAt is not null).ToList();
        var failing = active.Where(r => r.LastError is not null).ToList();
        return (active.Count, failing.Count) switch
        {
            (0, _) => HealthCheckResult.Healthy("No poll yet.", data),
            (_, 0) => HealthCheckResult.Healthy($"{active.Count} rule(s) read SYSPRO at their last poll.", data),
            var (a, f) when f == a => HealthCheckResult.Unhealthy($"Every rule's last poll failed: {failing[0].LastError}", data: data),
            _ => HealthCheckResult.Degraded($"{failing.Count} of {active.Count} rule(s) failed their last poll: " +
                string.Join(", ", failing.Select(r => r.Id)), data: data),
        };
    }
}

/// <summary>Twilio: the credentials (an account fetch, at most once a minute) and what the recent sends saw.</summary>
internal sealed class TwilioHealthCheck(IDbDialect dialect, IConfiguration configuration, TwilioAccountProbe probe, TimeProvider time)
    : IHealthCheck
{
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMinutes(1);
    private (Cli.ProbeResult? Result, DateTimeOffset At)? _lastProbe;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(configuration["Twilio:AccountSid"]))
        {
            return HealthCheckResult.Degraded("Twilio is not configured (Twilio:AccountSid).");
        }

        // Readiness probes come every few seconds; Twilio's API is asked at most once a minute.
        if (_lastProbe is not { } last || time.GetUtcNow() - last.At > ProbeEvery)
        {
            _lastProbe = last = (await probe.CheckAsync(), time.GetUtcNow());
        }

        if (last.Result is { Passed: false } refused)
        {
            return HealthCheckResult.Unhealthy(refused.Message);
        }

        await using var connection = await dialect.OpenAsync(cancellationToken);
        var since = (time.GetUtcNow() - TimeSpan.FromMinutes(15)).ToStored();
        var (sent, failed) = await connection.QuerySingleAsync<(long Sent, long Failed)>(new CommandDefinition(
            """
            SELECT COALESCE(SUM(CASE WHEN state IN (@sent, @delivered) THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN state = @failed OR (state = @pending AND attempts > 0) THEN 1 ELSE 0 END), 0)
            FROM alerts WHERE updated_at >= @since
            """,
            new { sent = AlertStates.Sent, delivered = AlertStates.Delivered, failed = AlertStates.Failed, pending = AlertStates.Pending, since },
            cancellationToken: cancellationToken));
        return sent == 0 && failed > 0
            ? HealthCheckResult.Degraded($"No text reached Twilio in 15 minutes; {failed} failed or await a retry.")
            : HealthCheckResult.Healthy($"{sent} text(s) accepted by Twilio in 15 minutes.");
    }
}
