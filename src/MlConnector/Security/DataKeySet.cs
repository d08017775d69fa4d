using System.Security.Cryptography;

namespace MlConnector.Security;

/// <summary>The data keys held in memory: one AES-256-GCM key per key id, and the blind-index (HMAC) key. They come
/// from the database, unwrapped with the master key (<see cref="DataKeys"/>), or are made fresh.</summary>
public sealed class DataKeySet
{
    private readonly Dictionary<int, byte[]> _fieldKeys;
    private readonly Lock _lock = new();

    public DataKeySet(ReadOnlySpan<byte> blindIndexKey, IReadOnlyDictionary<int, byte[]> fieldKeys)
    {
        ArgumentNullException.ThrowIfNull(fieldKeys);
        if (blindIndexKey.Length != KeyWrap.KeyLength || fieldKeys.Values.Any(k => k.Length != KeyWrap.KeyLength))
        {
            throw new ArgumentException($"Data keys are {KeyWrap.KeyLength} bytes.");
        }

        if (fieldKeys.Count == 0 || fieldKeys.Keys.Any(id => id < 1))
        {
            throw new ArgumentException("A key set needs at least one field key, with ids from 1.", nameof(fieldKeys));
        }

        BlindIndexKey = blindIndexKey.ToArray();
        _fieldKeys = fieldKeys.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>Fresh random keys: key id 1 and a blind-index key.</summary>
    public static DataKeySet CreateRandom() =>
        new(RandomNumberGenerator.GetBytes(KeyWrap.KeyLength), new Dictionary<int, byte[]> { [1] = KeyWrap.NewDataKey() });

    internal byte[] BlindIndexKey { get; }

    /// <summary>The highest key id held.</summary>
    public int NewestKeyId
    {
        get
        {
            lock (_lock)
            {
                return _fieldKeys.Keys.Max();
            }
        }
    }

    /// <summary>Adds the key of a key id made since (a rotation); a key id already held keeps its key.</summary>
    public void Add(int keyId, ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keyId, 1);
        if (key.Length != KeyWrap.KeyLength)
        {
            throw new ArgumentException($"Data keys are {KeyWrap.KeyLength} bytes.", nameof(key));
        }

        var copy = key.ToArray();
        lock (_lock)
        {
            _fieldKeys.TryAdd(keyId, copy);
        }
    }

    internal bool TryGetFieldKey(int keyId, out byte[] key)
    {
        lock (_lock)
        {
            return _fieldKeys.TryGetValue(keyId, out key!);
        }
    }
}
