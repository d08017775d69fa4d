using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>SYSPRO as the rules see it: unhealthy when the e.net source stopped on a credential error, degraded
/// when a rule's last poll failed. Part of /health/ready.</summary>
internal sealed class RulesHealthCheck(RuleSet rules, PollTracker tracker, SysproCompanies companies) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        foreach (var rule in rules.Rules)
        {
            data[rule.Id] = tracker.Last.TryGetValue(rule.Id, out var poll)
                ? poll.Error ?? $"ok at {poll.StartedAt:O}: {poll.RowsRead} rows, {poll.Events} alerts"
                : "not polled yet";
        }

        if (companies.All.FirstOrDefault(c => c.Session.StoppedReason is not null) is { } stopped)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"company {stopped.Id}: {stopped.Session.StoppedReason}", data: data));
        }

        var failing = rules.Rules.Where(r => tracker.Last.TryGetValue(r.Id, out var p) && p.Error is not null).Select(r => r.Id).ToList();
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy($"{rules.Rules.Count} rules", data)
            : HealthCheckResult.Degraded($"last poll failed for {string.Join(", ", failing)}", data: data));
    }
}
