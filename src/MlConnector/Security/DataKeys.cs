using System.Data.Common;
using Dapper;

namespace MlConnector.Security;

/// <summary>
/// This process's side of envelope encryption: opens the key ring with the master key, and takes up key ids made since.
/// On the first start of a new database it makes random data keys; on the first start of a database written before
/// envelope encryption (values or blind indexes already stored, or more than one key id) it imports the keys the old
/// HKDF derivation gives, marked derived, so every stored value still decrypts and every blind index still matches.
/// </summary>
internal sealed class DataKeys(MasterKey master, KeyRingStore store, IEnumerable<SealedColumn> sealedColumns)
{
    private readonly IReadOnlyList<SealedColumn> _columns = [.. sealedColumns];

    public MasterKey Master => master;

    /// <remarks>Only reads when the keys are all there (every start but the first); the first start of a database writes
    /// its keys in a transaction of its own, which is why start-up opens the keys before anything else runs.</remarks>
    public async Task<DataKeySet> OpenAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAllAsync(cancellationToken);
        var fingerprint = await store.FingerprintAsync(cancellationToken);
        if (fingerprint is not null && fingerprint != KeyWrap.Fingerprint(master))
        {
            throw KeyRingStore.NotTheWrappingKey(master);
        }

        var newest = await store.ActiveKeyIdAsync(cancellationToken);
        if (fingerprint is null || !stored.Any(k => k.Purpose == KeyRingStore.BlindIndex)
            || !stored.Any(k => k.Purpose == KeyRingStore.Field && k.KeyId == newest))
        {
            await store.EnsureAsync(master, PlanMissingAsync, cancellationToken);
            stored = await store.ReadAllAsync(cancellationToken);
        }

        var blindIndex = stored.SingleOrDefault(k => k.Purpose == KeyRingStore.BlindIndex)
            ?? throw new MasterKeyException("The database holds no blind-index key.");
        var fieldKeys = stored.Where(k => k.Purpose == KeyRingStore.Field)
            .ToDictionary(k => k.KeyId, k => KeyWrap.Unwrap(master, k.Name, k.Wrapped));
        return new DataKeySet(KeyWrap.Unwrap(master, blindIndex.Name, blindIndex.Wrapped), fieldKeys);
    }

    /// <summary>The key of <paramref name="keyId"/>, unwrapped (null when the database has no such id); a
    /// <see cref="MasterKeyException"/> when this process's master key no longer opens it.</summary>
    public async Task<byte[]?> FetchAsync(int keyId, CancellationToken cancellationToken) =>
        await store.WrappedFieldKeyAsync(keyId, cancellationToken) is { } wrapped
            ? KeyWrap.Unwrap(master, KeyRingStore.Name(KeyRingStore.Field, keyId), wrapped)
            : null;

    /// <summary>A new random data key under a new key id (refused when the master key was rotated away); its id and key.</summary>
    public async Task<(int KeyId, byte[] Key)> AddAsync(CancellationToken cancellationToken)
    {
        var key = KeyWrap.NewDataKey();
        return (await store.AddFieldKeyAsync(master, key, cancellationToken), key);
    }

    private async Task<IReadOnlyList<StoredDataKey>> PlanMissingAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<int> keyIds, IReadOnlyList<StoredDataKey> stored)
    {
        var missingIds = keyIds.Where(id => !stored.Any(k => k.Purpose == KeyRingStore.Field && k.KeyId == id)).ToList();
        var blindIndexMissing = !stored.Any(k => k.Purpose == KeyRingStore.BlindIndex);
        if (missingIds.Count == 0 && !blindIndexMissing)
        {
            return [];
        }

        // Random keys only for a database that has never held a data key nor a sealed value. A key id without its data
        // key in a database that has some was added by a version from before (keys rotate of a mixed fleet): derived.
        var derived = stored.Count > 0 || keyIds.Count > 1 || await AnySealedValueAsync(connection, transaction);
        var planned = missingIds.Select(id => Planned(KeyRingStore.Field, id,
            derived ? LegacyKeyDerivation.FieldKey(master, id) : KeyWrap.NewDataKey(), derived)).ToList();
        if (blindIndexMissing)
        {
            planned.Add(Planned(KeyRingStore.BlindIndex, 1,
                derived ? LegacyKeyDerivation.BlindIndexKey(master) : KeyWrap.NewDataKey(), derived));
        }

        return planned;
    }

    private StoredDataKey Planned(string purpose, int keyId, byte[] key, bool derived) =>
        new(purpose, keyId, KeyWrap.Wrap(master, KeyRingStore.Name(purpose, keyId), key), derived);

    private async Task<bool> AnySealedValueAsync(DbConnection connection, DbTransaction transaction)
    {
        foreach (var table in _columns.Select(c => c.Table).Distinct(StringComparer.Ordinal))
        {
            if (await connection.ExecuteScalarAsync<long?>($"SELECT 1 FROM {table} LIMIT 1", transaction: transaction) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
