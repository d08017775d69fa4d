using Dapper;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>Whether sign-in is configured (any user or live API key). Until it is, the dashboard and API answer
/// loopback requests only (Hangfire's LocalRequestsOnly idea). Cached briefly: the CLI adds users while the service runs.</summary>
public sealed class AccessState(IDbDialect dialect, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    private (bool Configured, DateTimeOffset At)? _cached;

    public async Task<bool> IsConfiguredAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cached is { } c && now - c.At < CacheFor && now >= c.At)
        {
            return c.Configured;
        }

        await using var connection = await dialect.OpenAsync(ct);
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT (SELECT COUNT(*) FROM operators) + (SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL)",
            cancellationToken: ct));
        _cached = (count > 0, now);
        return count > 0;
    }

    public void Invalidate() => _cached = null;
}
