using System.Security.Cryptography;
using System.Text;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>API keys for scripts: <c>mlc_{prefix}_{secret}</c>, shown once, stored only as a SHA-256 hash (the key
/// is 160 random bits, so a fast hash is enough; the prefix finds the row).</summary>
public sealed class ApiKeyStore(IDbDialect dialect, TimeProvider time)
{
    public async Task<string?> CreateAsync(string name, string role, CancellationToken ct)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var key = $"mlc_{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))}";
        await using var connection = await dialect.OpenAsync(ct);
        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (name, key_prefix, key_hash, role, created_at) VALUES (@name, @prefix, @hash, @role, @now)
            ON CONFLICT (name) DO NOTHING
            """,
            new { name, prefix, hash = Hash(key), role, now = time.GetUtcNow().ToStored() }, cancellationToken: ct));
        return added == 1 ? key : null;
    }

    public async Task<bool> RevokeAsync(string name, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL",
            new { name, now = time.GetUtcNow().ToStored() }, cancellationToken: ct)) == 1;
    }

    /// <summary>The key's name and role when it is valid and not revoked.</summary>
    public async Task<(string Name, string Role)?> VerifyAsync(string key, CancellationToken ct)
    {
        var parts = key.Split('_');
        if (parts is not ["mlc", { Length: 8 } prefix, { Length: 40 }])
        {
            return null;
        }

        await using var connection = await dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, string Hash, string Role)?>(new CommandDefinition(
            "SELECT name, key_hash, role FROM api_keys WHERE key_prefix = @prefix AND revoked_at IS NULL",
            new { prefix }, cancellationToken: ct));
        return row is { } found && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(found.Hash), Encoding.ASCII.GetBytes(Hash(key))) ? (found.Name, found.Role) : null;
    }

    /// <summary>Every key, live ones first: its name, role, prefix (the part of the key that names it), and when it
    /// was created and revoked.</summary>
    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Name, string Prefix, string Role, long CreatedAt, long? RevokedAt)>(new CommandDefinition(
            "SELECT name, key_prefix, role, created_at, revoked_at FROM api_keys ORDER BY CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END, name",
            cancellationToken: ct));
        return [.. rows.Select(r => new ApiKeySummary(r.Name, r.Prefix, r.Role, UnixTime.FromStored(r.CreatedAt),
            UnixTime.FromStored(r.RevokedAt)))];
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public sealed record ApiKeySummary(string Name, string Prefix, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
