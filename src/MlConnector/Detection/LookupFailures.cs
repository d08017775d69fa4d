using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>
/// The lookups SYSPRO refused, per company: each failure is reported (logged) once, not every poll, and a lookup
/// SYSPRO refuses for a lasting reason (an entity set or table it does not have, a licence) is not asked again for
/// <see cref="PollingOptions.LookupRetryAfter"/>. Answers that could not be believed and transport failures are
/// retried at the next event.
/// </summary>
public sealed class LookupFailures(IOptions<PollingOptions> options, TimeProvider time, ILogger<LookupFailures> logger)
{
    private readonly ConcurrentDictionary<(string Company, string Lookup), (string Reason, DateTimeOffset Until)> _refused = new();
    private readonly ConcurrentDictionary<(string Company, string Lookup, string Reason), byte> _reported = new();

    /// <summary>The reason a lookup is not asked now, or null to ask it.</summary>
    public string? Refused(string company, string lookup) =>
        _refused.TryGetValue((company, lookup), out var refusal) && refusal.Until > time.GetUtcNow() ? refusal.Reason : null;

    /// <summary>Records a failed lookup; returns the reason as the alert's audit note says it.</summary>
    public string Failed(string rule, string company, string lookup, string fields, Exception error)
    {
        var reason = SysproFailureText.Describe(error);
        if (error is SysproException { IsLasting: true })
        {
            _refused[(company, lookup)] = (reason, time.GetUtcNow() + options.Value.LookupRetryAfter);
        }

        if (_reported.TryAdd((company, lookup, reason), 0))
        {
            logger.LookupFailed(rule, lookup, reason, fields);
        }

        return reason;
    }
}
