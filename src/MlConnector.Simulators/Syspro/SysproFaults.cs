using MlConnector.Simulators.Syspro.Enet;

namespace MlConnector.Simulators.Syspro;

/// <summary>
/// Fault injection for e.net and OData requests (the control API is never affected): added latency on the injected
/// clock, HTTP 500 for the next N requests or for a time window, and forced expiry of every e.net session.
/// </summary>
public sealed class SysproFaults(EnetSessions sessions, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _failNext;
    private DateTimeOffset? _failUntil;
    private TimeSpan _latency;
    private int _failuresServed;

    /// <summary>Delay before every request is answered, measured on the injected clock.</summary>
    public TimeSpan Latency
    {
        get { lock (_lock) { return _latency; } }
        set { lock (_lock) { _latency = value < TimeSpan.Zero ? TimeSpan.Zero : value; } }
    }

    public int FailuresServed => Volatile.Read(ref _failuresServed);

    /// <summary>The next <paramref name="count"/> requests get HTTP 500.</summary>
    public void FailNextRequests(int count)
    {
        lock (_lock)
        {
            _failNext = Math.Max(0, count);
        }
    }

    /// <summary>Every request gets HTTP 500 until the clock has moved on by <paramref name="duration"/>.</summary>
    public void FailFor(TimeSpan duration)
    {
        lock (_lock)
        {
            _failUntil = time.GetUtcNow() + duration;
        }
    }

    /// <summary>Ends every e.net session now; returns how many there were.</summary>
    public int ExpireSessions() => sessions.ExpireAll();

    public void Reset()
    {
        lock (_lock)
        {
            _failNext = 0;
            _failUntil = null;
            _latency = TimeSpan.Zero;
        }
    }

    public SysproFaultState State()
    {
        lock (_lock)
        {
            return new SysproFaultState(_latency, _failNext, _failUntil, FailuresServed);
        }
    }

    /// <summary>Waits out the latency, then says whether this request should fail.</summary>
    internal async Task<bool> BeforeRequestAsync(CancellationToken cancellationToken)
    {
        var latency = Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, cancellationToken);
        }

        lock (_lock)
        {
            var fail = _failNext > 0 || (_failUntil is { } until && time.GetUtcNow() < until);
            if (_failNext > 0)
            {
                _failNext--;
            }

            if (fail)
            {
                _failuresServed++;
            }

            return fail;
        }
    }
}

/// <summary>The fault settings now, for the control API.</summary>
public sealed record SysproFaultState(TimeSpan Latency, int FailNext, DateTimeOffset? FailUntil, int FailuresServed);
