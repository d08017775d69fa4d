using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Security;

/// <summary>What one pass over a column did: values re-encrypted, and values that could not be read (damaged; they
/// stay as they are, and under their old key id).</summary>
internal readonly record struct PassResult(long Rewritten, long Unreadable);

/// <summary>
/// One pass of re-encryption over a sealed column: batches in the order of the table's primary key, each batch
/// starting after the last key of the one before (keyset paging on the primary key's index), asking only for values
/// not under the target key id; each value is replaced only if it is still the one read (a concurrent change wins).
/// </summary>
internal sealed class SealedColumnRewriter(IDbDialect dialect, FieldProtector protector)
{
    public const int BatchSize = 200;

    public async Task<PassResult> RewriteAsync(SealedColumn c, int keyId, IProgress<long>? progress, CancellationToken ct)
    {
        long rewritten = 0, unreadable = 0;
        object[]? after = null;
        while (true)
        {
            await using var connection = await dialect.OpenAsync(ct);
            var rows = await ReadBatchAsync(connection, c, keyId, after, ct);
            if (rows.Count == 0)
            {
                return new PassResult(rewritten, unreadable);
            }

            await using var transaction = await connection.BeginTransactionAsync(ct);
            foreach (var (key, blob) in rows)
            {
                byte[] resealed;
                try
                {
                    resealed = protector.Protect(protector.Unprotect(blob, c.Purpose), c.Purpose);
                }
                catch (CryptographicException)
                {
                    unreadable++;
                    continue;
                }

                var args = KeyParameters(key);
                args.Add("resealed", resealed);
                args.Add("blob", blob);
                rewritten += await connection.ExecuteAsync(new CommandDefinition(UpdateSql(c), args, transaction, cancellationToken: ct));
            }

            await transaction.CommitAsync(ct);
            progress?.Report(rewritten);
            after = rows[^1].Key;
        }
    }

    /// <summary>Values of the column not under <paramref name="keyId"/> (one count at the end of a rotation).</summary>
    public async Task<long> CountNotUnderAsync(SealedColumn c, int keyId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {c.Table} WHERE {c.Column} IS NOT NULL AND substr({c.Column}, 2, 4) <> @keyId",
            new { keyId = KeyIdBytes(keyId) }, cancellationToken: ct));
    }

    /// <summary>The SQL of a batch: the first (<paramref name="first"/>) or one after the key @k0, @k1, ...</summary>
    /// <remarks>The key id sits in bytes 2..5 of a sealed value (<see cref="FieldProtector"/>), compared as bytes.</remarks>
    public static string BatchSql(SealedColumn c, bool first)
    {
        ArgumentNullException.ThrowIfNull(c);
        var keys = string.Join(", ", c.PrimaryKey);
        var parameters = string.Join(", ", c.PrimaryKey.Select((_, i) => $"@k{i}"));
        var afterLast = first ? "" : c.PrimaryKey.Count == 1 ? $" AND {keys} > {parameters}" : $" AND ({keys}) > ({parameters})";
        return $"SELECT {keys}, {c.Column} FROM {c.Table} WHERE {c.Column} IS NOT NULL AND substr({c.Column}, 2, 4) <> @keyId" +
            $"{afterLast} ORDER BY {keys} LIMIT {BatchSize}";
    }

    public static byte[] KeyIdBytes(int keyId)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, keyId);
        return bytes;
    }

    private static async Task<List<(object[] Key, byte[] Blob)>> ReadBatchAsync(DbConnection connection, SealedColumn c,
        int keyId, object[]? after, CancellationToken ct)
    {
        var args = after is null ? new DynamicParameters() : KeyParameters(after);
        args.Add("keyId", KeyIdBytes(keyId));
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(BatchSql(c, after is null), args, cancellationToken: ct));
        var rows = new List<(object[], byte[])>();
        while (await reader.ReadAsync(ct))
        {
            var key = new object[c.PrimaryKey.Count];
            for (var i = 0; i < key.Length; i++)
            {
                key[i] = reader.GetValue(i);
            }

            rows.Add((key, (byte[])reader.GetValue(key.Length)));
        }

        return rows;
    }

    private static DynamicParameters KeyParameters(object[] key)
    {
        var args = new DynamicParameters();
        for (var i = 0; i < key.Length; i++)
        {
            args.Add($"k{i}", key[i]);
        }

        return args;
    }

    private static string UpdateSql(SealedColumn c) =>
        $"UPDATE {c.Table} SET {c.Column} = @resealed WHERE " +
        string.Join(" AND ", c.PrimaryKey.Select((k, i) => $"{k} = @k{i}")) + $" AND {c.Column} = @blob";
}
