using Dapper;
using MlConnector.Storage;

namespace MlConnector.Security;

/// <summary>The key ids recorded in the database; the highest is the one new values are written under.</summary>
internal sealed class KeyRingStore(IDbDialect dialect, TimeProvider time)
{
    public async Task<int> ActiveKeyIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(
            new CommandDefinition("SELECT MAX(key_id) FROM encryption_keys", cancellationToken: cancellationToken));
    }

    /// <summary>Records a new key id and returns it (the start of a rotation).</summary>
    public async Task<int> AddKeyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<int>(
            new CommandDefinition("SELECT MAX(key_id) FROM encryption_keys", cancellationToken: cancellationToken)) + 1;
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO encryption_keys (key_id, created_at) VALUES (@next, @now)",
            new { next, now = time.GetUtcNow().ToStored() }, cancellationToken: cancellationToken));
        return next;
    }
}
