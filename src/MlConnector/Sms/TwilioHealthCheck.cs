using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MlConnector.Alerts;
using MlConnector.Probes;

namespace MlConnector.Sms;

/// <summary>Twilio: the credentials (an account fetch, at most once a minute) and what the recent sends saw.</summary>
internal sealed class TwilioHealthCheck(IOptions<TwilioOptions> options, AlertCounts alerts, TwilioAccountProbe probe, TimeProvider time)
    : IHealthCheck
{
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Recent = TimeSpan.FromMinutes(15);
    private (ProbeResult? Result, DateTimeOffset At)? _lastProbe;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
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

        var (sent, failed) = await alerts.RecentSendsAsync(time.GetUtcNow() - Recent, cancellationToken);
        return sent == 0 && failed > 0
            ? HealthCheckResult.Degraded($"No text reached Twilio in 15 minutes; {failed} failed or await a retry.")
            : HealthCheckResult.Healthy($"{sent} text(s) accepted by Twilio in 15 minutes.");
    }
}
