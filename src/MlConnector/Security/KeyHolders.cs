using System.Security.Cryptography;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Security;

/// <summary>A running instance and the key id it writes new values under, as it last said.</summary>
public sealed record KeyHolder(string InstanceId, int KeyId, DateTimeOffset SeenAt);

/// <summary>
/// The running instances and the key id each writes under (<c>key_holders</c>): every instance says so when it starts
/// and on every tick of <see cref="KeyIdRefresher"/>, and removes itself when it stops, so <c>keys rotate</c> knows whom
/// to wait for. An instance not heard from within <see cref="AliveWindow"/> is taken for gone.
/// </summary>
internal sealed class KeyHolders(IDbDialect dialect, TimeProvider time)
{
    /// <summary>Two refresher ticks and some slack for clocks (instances keep them synchronised, README).</summary>
    public static readonly TimeSpan AliveWindow = KeyIdRefresher.Interval * 2 + TimeSpan.FromSeconds(15);

    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    /// <summary>This process: machine, process id and a random tag (several hosts may share a process in tests).</summary>
    public string Me { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{RandomNumberGenerator.GetHexString(4, lowercase: true)}";

    public async Task ReportAsync(int keyId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO key_holders (instance_id, key_id, seen_at) VALUES (@Me, @keyId, @now)
            ON CONFLICT (instance_id) DO UPDATE SET key_id = excluded.key_id, seen_at = excluded.seen_at
            """,
            new { Me, keyId, now = now.ToStored() }, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM key_holders WHERE seen_at < @forgotten",
            new { forgotten = (now - ForgetAfter).ToStored() }, cancellationToken: ct));
    }

    /// <summary>Updates this process's row if it has one (a running service rotating keys in-process has switched).</summary>
    public async Task TouchAsync(int keyId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE key_holders SET key_id = @keyId, seen_at = @now WHERE instance_id = @Me",
            new { Me, keyId, now = time.GetUtcNow().ToStored() }, cancellationToken: ct));
    }

    public async Task RemoveAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM key_holders WHERE instance_id = @Me", new { Me },
            cancellationToken: ct));
    }

    /// <summary>The other instances alive now that still write under a key id below <paramref name="keyId"/>.</summary>
    public async Task<IReadOnlyList<KeyHolder>> LaggingAsync(int keyId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Instance, long KeyId, long SeenAt)>(new CommandDefinition(
            """
            SELECT instance_id, key_id, seen_at FROM key_holders
            WHERE key_id < @keyId AND seen_at >= @aliveSince AND instance_id <> @Me ORDER BY instance_id
            """,
            new { keyId, aliveSince = (time.GetUtcNow() - AliveWindow).ToStored(), Me }, cancellationToken: ct));
        return [.. rows.Select(r => new KeyHolder(r.Instance, (int)r.KeyId, UnixTime.FromStored(r.SeenAt)))];
    }

    /// <summary>Whether another instance is alive now (whatever its key id).</summary>
    public async Task<bool> AnyOtherAliveAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT 1 FROM key_holders WHERE seen_at >= @aliveSince AND instance_id <> @Me LIMIT 1",
            new { aliveSince = (time.GetUtcNow() - AliveWindow).ToStored(), Me }, cancellationToken: ct)) is not null;
    }
}
