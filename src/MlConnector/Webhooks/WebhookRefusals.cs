using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;

namespace MlConnector.Webhooks;

/// <summary>
/// Refused webhooks are counted, not written one by one: every refusal adds to the <c>mlc.webhooks.refused</c> counter;
/// the audit trail gets at most one line per source address per minute, carrying how many were refused since the last
/// line; and each source may be refused only so often (a <see cref="TokenBucketRateLimiter"/> per address, <see cref="RefusalsPerMinute"/>
/// a minute) before it is answered 429 without further work. Only refusals take tokens: a validly signed request never
/// reaches this class, so Twilio is never throttled. The buckets are refilled from the injected clock (the limiter has
/// no TimeProvider, so AutoReplenishment is off and a minute on the clock gives the source a full bucket).
/// </summary>
internal sealed class WebhookRefusals : IDisposable
{
    public const int RefusalsPerMinute = 20;
    private const int MaxSources = 10_000;
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Counter<long> _refused;

    public WebhookRefusals(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        // The connector's meter (exported on /metrics); the factory hands every feature the same one by name.
        _refused = meters.Create("MlConnector").CreateCounter<long>("mlc.webhooks.refused", "{request}",
            "Webhook requests refused (no or wrong signature, not a form, malformed), by reason.");
    }

    /// <summary>Counts one refusal from <paramref name="source"/>.</summary>
    /// <returns>Whether the source is over its refusals (answer 429), and the count to audit when a line is due.</returns>
    public (bool Throttled, long? AuditCount) Refuse(string source, string reason)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        var now = _time.GetUtcNow();
        Prune(now);
        var s = _sources.GetOrAdd(source, _ => new Source(now));
        lock (s)
        {
            s.LastSeen = now;
            if (now - s.Refilled >= Period)
            {
                // A full bucket again (TryReplenish of a limiter without auto-replenishment still measures real time).
                s.Limiter.Dispose();
                s.Limiter = NewBucket();
                s.Refilled = now;
            }

            using var lease = s.Limiter.AttemptAcquire();
            s.Unaudited++;
            long? audit = null;
            if (s.Audited is not { } last || now - last >= Period)
            {
                (audit, s.Unaudited, s.Audited) = (s.Unaudited, 0, now);
            }

            return (!lease.IsAcquired, audit);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_sources.Count < MaxSources)
        {
            return;
        }

        foreach (var stale in _sources.Where(s => now - s.Value.LastSeen > Period * 2))
        {
            if (_sources.TryRemove(stale))
            {
                stale.Value.Limiter.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var source in _sources.Values)
        {
            source.Limiter.Dispose();
        }
    }

    private static TokenBucketRateLimiter NewBucket() => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = RefusalsPerMinute,
        TokensPerPeriod = RefusalsPerMinute,
        ReplenishmentPeriod = Period,
        AutoReplenishment = false,
        QueueLimit = 0,
    });

    private sealed class Source(DateTimeOffset now)
    {
        public TokenBucketRateLimiter Limiter { get; set; } = NewBucket();

        public DateTimeOffset Refilled { get; set; } = now;

        public DateTimeOffset LastSeen { get; set; } = now;

        public DateTimeOffset? Audited { get; set; }

        public long Unaudited { get; set; }
    }
}
