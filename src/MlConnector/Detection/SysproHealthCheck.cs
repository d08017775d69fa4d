using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>SYSPRO as the polls saw it (no extra logon: an e.net probe would end the service's session), with which
/// instance polls each rule. Unhealthy when an e.net source stopped on a credential error. It lives with the polls it
/// reads, since SYSPRO's own folder comes before detection on the data path.</summary>
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

        if (RuleProblems(all) is { Count: > 0 } problems)
        {
            return HealthCheckResult.Unhealthy(string.Join("; ", problems), data: data);
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

    // What an operator must act on, rule by rule: a rule SYSPRO's schema keeps from polling, a hold waiting for release
    // or discard.
    private static List<string> RuleProblems(IReadOnlyList<RuleStatus> rules) =>
        rules.Where(r => r.Schema?.State == RuleSchemaState.Error)
            .Select(r => $"rule {r.Id} is not polled: {r.Schema!.Error}")
            .Concat(rules.Where(r => r.Held is not null)
                .Select(r => $"rule {r.Id}: {r.Held!.Alerts} alert(s) held since {r.Held.Since:u}, not sent until an operator releases or discards them"))
            .ToList();
}
