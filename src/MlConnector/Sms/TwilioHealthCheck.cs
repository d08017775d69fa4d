using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MlConnector.Alerts;
using MlConnector.Probes;

namespace MlConnector.Sms;

/// <summary>Twilio: the credentials (an account fetch, at most once a minute), this instance's latest sends (failing
/// with none accepted since: Degraded, then Unhealthy), and the last 15 minutes of alerts.</summary>
internal sealed class TwilioHealthCheck(IOptions<TwilioOptions> options, AlertCounts alerts, TwilioAccountProbe probe,
    RecentSendOutcomes sends, TimeProvider time)
    : IHealthCheck
{
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Recent = TimeSpan.FromMinutes(15);

    // Sends failing with nothing accepted since: Degraded at the first failure, Unhealthy once at least
    // OutageFailures have failed over OutageSpan (a short burst of 429s is throttling, not an outage); forgotten when
    // no send has failed for FailureMemory (or one is accepted).
    private const int OutageFailures = 3;
    private static readonly TimeSpan OutageSpan = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan FailureMemory = TimeSpan.FromMinutes(5);
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

        if (sends.FailingSince(FailureMemory) is { } failing)
        {
            var message = $"The last {failing.Failures} send(s) since {failing.FirstAt:u} failed, none accepted since (last: {failing.Reason}).";
            return failing.Failures >= OutageFailures && time.GetUtcNow() - failing.FirstAt >= OutageSpan
                ? HealthCheckResult.Unhealthy(message)
                : HealthCheckResult.Degraded(message);
        }

        var (sent, failed) = await alerts.RecentSendsAsync(time.GetUtcNow() - Recent, cancellationToken);
        return sent == 0 && failed > 0
            ? HealthCheckResult.Degraded($"No text reached Twilio in 15 minutes; {failed} failed or await a retry.")
            : HealthCheckResult.Healthy($"{sent} text(s) accepted by Twilio in 15 minutes.");
    }
}
