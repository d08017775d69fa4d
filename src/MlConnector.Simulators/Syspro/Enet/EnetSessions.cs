using System.Security.Cryptography;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// e.net sessions: one per operator (a second Logon evicts the first), gone after the idle timeout on the injected
/// clock, refreshed by every call. UserIds are 34 upper-case hex digits ending in 00, sent with two trailing spaces.
/// </summary>
public sealed class EnetSessions(SysproSimulatorOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private int _logonCount;

    public int LogonCount => Volatile.Read(ref _logonCount);

    /// <summary>Sessions still alive on the clock now.</summary>
    public int OpenSessions
    {
        get
        {
            lock (_lock)
            {
                RemoveExpired();
                return _sessions.Count;
            }
        }
    }

    /// <summary>Opens a session; returns the UserId as sent (34 hex + two spaces) and how many it evicted.</summary>
    public (string UserId, int Evicted) Logon(string operatorCode)
    {
        var userId = RandomNumberGenerator.GetHexString(32) + "00";
        lock (_lock)
        {
            RemoveExpired();
            var evicted = _sessions
                .Where(s => s.Value.Operator.Equals(operatorCode, StringComparison.OrdinalIgnoreCase))
                .Select(s => s.Key)
                .ToList();
            evicted.ForEach(key => _sessions.Remove(key));
            _sessions[userId] = new Session(operatorCode, time.GetUtcNow());
            _logonCount++;
            return (userId + "  ", evicted.Count);
        }
    }

    /// <summary>True and refreshed when the UserId (padded or not) names a live session.</summary>
    public bool Touch(string? userId)
    {
        var key = userId?.Trim() ?? "";
        lock (_lock)
        {
            RemoveExpired();
            if (!_sessions.TryGetValue(key, out var session))
            {
                return false;
            }

            _sessions[key] = session with { LastUsed = time.GetUtcNow() };
            return true;
        }
    }

    public bool Logoff(string? userId)
    {
        lock (_lock)
        {
            RemoveExpired();
            return _sessions.Remove(userId?.Trim() ?? "");
        }
    }

    /// <summary>Fault injection: every session ends, as when SYSPRO's service restarts.</summary>
    public int ExpireAll()
    {
        lock (_lock)
        {
            var count = _sessions.Count;
            _sessions.Clear();
            return count;
        }
    }

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var expired in _sessions.Where(s => now - s.Value.LastUsed >= options.IdleTimeout).ToList())
        {
            _sessions.Remove(expired.Key);
        }
    }

    private sealed record Session(string Operator, DateTimeOffset LastUsed);
}
