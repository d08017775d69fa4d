using Dapper;
using MlConnector.Storage;

namespace MlConnector.Security;

/// <summary>
/// Key rotation: records a new key id, then re-encrypts every sealed value under it, in batches, while the service
/// runs (old ids stay derivable, so rows not yet re-encrypted stay readable and a running service keeps working).
/// </summary>
internal sealed class KeyRotation(IDbDialect dialect, FieldProtector protector, KeyRingStore keyRing,
    IEnumerable<SealedColumn> sealedColumns)
{
    private const int BatchSize = 200;

    /// <summary>Every sealed column, as the features that own them declared them (<see cref="SealedColumns.AddSealedColumn"/>).</summary>
    public IReadOnlyList<SealedColumn> Columns { get; } = [.. sealedColumns];

    /// <summary>Adds a key id, re-encrypts everything under it and returns (new key id, values re-encrypted).</summary>
    public async Task<(int KeyId, long Rewritten)> RotateAsync(IProgress<(SealedColumn Column, long Done)>? progress, CancellationToken ct)
    {
        var keyId = await keyRing.AddKeyAsync(ct);
        protector.Activate(keyId);
        long total = 0;
        foreach (var column in Columns)
        {
            total += await RewriteAsync(column, keyId, progress, ct);
        }

        return (keyId, total);
    }

    private async Task<long> RewriteAsync(SealedColumn c, int keyId, IProgress<(SealedColumn, long)>? progress, CancellationToken ct)
    {
        long done = 0;
        var after = "";
        while (true)
        {
            await using var connection = await dialect.OpenAsync(ct);
            // Keys are compared as text so one loop serves integer ids and text keys alike.
            var rows = (await connection.QueryAsync<(string Key, byte[]? Blob)>(new CommandDefinition(
                $"SELECT CAST({c.KeyColumn} AS TEXT), {c.Column} FROM {c.Table} WHERE {c.Column} IS NOT NULL " +
                $"AND CAST({c.KeyColumn} AS TEXT) > @after ORDER BY CAST({c.KeyColumn} AS TEXT) LIMIT {BatchSize}",
                new { after }, cancellationToken: ct))).ToList();
            if (rows.Count == 0)
            {
                return done;
            }

            await using var transaction = await connection.BeginTransactionAsync(ct);
            foreach (var (key, blob) in rows.Where(r => r.Blob is { Length: > 5 } b && FieldProtector.KeyIdOf(b) != keyId))
            {
                var resealed = protector.Protect(protector.Unprotect(blob!, c.Purpose), c.Purpose);
                done += await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {c.Table} SET {c.Column} = @resealed WHERE CAST({c.KeyColumn} AS TEXT) = @key AND {c.Column} = @blob",
                    new { resealed, key, blob }, transaction, cancellationToken: ct));
            }

            await transaction.CommitAsync(ct);
            progress?.Report((c, done));
            after = rows[^1].Key;
        }
    }
}
