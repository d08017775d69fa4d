using System.Data.Common;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Security;

/// <summary>A data key as stored: wrapped by the master key. <paramref name="Derived"/>: imported from the scheme
/// before envelope encryption (the master key of that time derives it).</summary>
internal sealed record StoredDataKey(string Purpose, int KeyId, byte[] Wrapped, bool Derived)
{
    public string Name => KeyRingStore.Name(Purpose, KeyId);
}

/// <summary>
/// The key ring in the database: the key ids (<c>encryption_keys</c>; the highest is the one new values are written
/// under), every data key wrapped by the master key (<c>data_keys</c>), and the fingerprint of the master key that
/// wraps them (<c>master_key</c>). Every write of a wrapped key first locks that row on the writer's fingerprint, so a
/// process still holding a master key rotated away writes none.
/// </summary>
internal sealed class KeyRingStore(IDbDialect dialect, TimeProvider time)
{
    public const string Field = "field";
    public const string BlindIndex = "blind-index";

    public static string Name(string purpose, int keyId) => $"{purpose}/{keyId}";

    public async Task<int> ActiveKeyIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(
            new CommandDefinition("SELECT MAX(key_id) FROM encryption_keys", cancellationToken: cancellationToken));
    }

    /// <summary>The fingerprint of the master key the data keys are wrapped with (null before the first start).</summary>
    public async Task<string?> FingerprintAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT fingerprint FROM master_key WHERE id = 1", cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredDataKey>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await ReadAllAsync(connection, null, cancellationToken);
    }

    public async Task<byte[]?> WrappedFieldKeyAsync(int keyId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT wrapped_key FROM data_keys WHERE purpose = @Field AND key_id = @keyId",
            new { Field, keyId }, cancellationToken: cancellationToken));
    }

    /// <summary>In one transaction: records the master key's fingerprint on the first start, refuses another master key,
    /// and stores the keys <paramref name="plan"/> makes for what is missing (given the key ids and the data keys
    /// already stored).</summary>
    public async Task EnsureAsync(MasterKey master,
        Func<DbConnection, DbTransaction, IReadOnlyList<int>, IReadOnlyList<StoredDataKey>, Task<IReadOnlyList<StoredDataKey>>> plan,
        CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO master_key (id, fingerprint, changed_at) VALUES (1, @fingerprint, @now) ON CONFLICT (id) DO NOTHING",
            new { fingerprint = KeyWrap.Fingerprint(master), now = time.GetUtcNow().ToStored() }, transaction,
            cancellationToken: cancellationToken));
        await FenceAsync(connection, transaction, master, cancellationToken);
        var ids = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT key_id FROM encryption_keys ORDER BY key_id", transaction: transaction, cancellationToken: cancellationToken))).ToList();
        var stored = await ReadAllAsync(connection, transaction, cancellationToken);
        foreach (var key in await plan(connection, transaction, ids, stored))
        {
            await InsertAsync(connection, transaction, key, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records a new key id with its data key wrapped by <paramref name="master"/>; returns the id.</summary>
    public async Task<int> AddFieldKeyAsync(MasterKey master, byte[] key, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await FenceAsync(connection, transaction, master, cancellationToken);
        var next = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT MAX(key_id) FROM encryption_keys", transaction: transaction, cancellationToken: cancellationToken)) + 1;
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO encryption_keys (key_id, created_at) VALUES (@next, @now)",
            new { next, now = time.GetUtcNow().ToStored() }, transaction, cancellationToken: cancellationToken));
        await InsertAsync(connection, transaction,
            new StoredDataKey(Field, next, KeyWrap.Wrap(master, Name(Field, next), key), Derived: false), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    /// <summary>Re-wraps every data key from <paramref name="current"/> to <paramref name="next"/> in one transaction
    /// (the fingerprint with them); returns the keys re-wrapped.</summary>
    public async Task<IReadOnlyList<StoredDataKey>> RewrapAsync(MasterKey current, MasterKey next, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE master_key SET fingerprint = @next, changed_at = @now WHERE id = 1 AND fingerprint = @current",
            new { current = KeyWrap.Fingerprint(current), next = KeyWrap.Fingerprint(next), now = time.GetUtcNow().ToStored() },
            transaction, cancellationToken: cancellationToken));
        if (moved == 0)
        {
            throw NotTheWrappingKey(current);
        }

        var keys = await ReadAllAsync(connection, transaction, cancellationToken);
        foreach (var key in keys)
        {
            var rewrapped = KeyWrap.Wrap(next, key.Name, KeyWrap.Unwrap(current, key.Name, key.Wrapped));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE data_keys SET wrapped_key = @rewrapped WHERE purpose = @Purpose AND key_id = @KeyId",
                new { rewrapped, key.Purpose, key.KeyId }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return keys;
    }

    public static MasterKeyException NotTheWrappingKey(MasterKey master) => new(
        $"The master key in {master.Origin} is not the one this database's data keys are wrapped with. If `keys rotate " +
        "--master` ran, give this instance the new key (MLC_MASTER_KEY or Security:KeyFile) and restart it.");

    private static async Task FenceAsync(DbConnection connection, DbTransaction transaction, MasterKey master, CancellationToken ct)
    {
        var held = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE master_key SET fingerprint = fingerprint WHERE id = 1 AND fingerprint = @fingerprint",
            new { fingerprint = KeyWrap.Fingerprint(master) }, transaction, cancellationToken: ct));
        if (held == 0)
        {
            throw NotTheWrappingKey(master);
        }
    }

    private static async Task<IReadOnlyList<StoredDataKey>> ReadAllAsync(DbConnection connection, DbTransaction? transaction,
        CancellationToken ct) =>
        [.. (await connection.QueryAsync<(string Purpose, long KeyId, byte[] Wrapped, long Derived)>(new CommandDefinition(
            "SELECT purpose, key_id, wrapped_key, derived FROM data_keys ORDER BY purpose, key_id",
            transaction: transaction, cancellationToken: ct)))
            .Select(r => new StoredDataKey(r.Purpose, (int)r.KeyId, r.Wrapped, r.Derived != 0))];

    private Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, StoredDataKey key, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO data_keys (purpose, key_id, wrapped_key, derived, created_at) VALUES (@Purpose, @KeyId, @Wrapped, @derived, @now)
            ON CONFLICT (purpose, key_id) DO NOTHING
            """,
            new { key.Purpose, key.KeyId, key.Wrapped, derived = key.Derived ? 1 : 0, now = time.GetUtcNow().ToStored() },
            transaction, cancellationToken: ct));
}
