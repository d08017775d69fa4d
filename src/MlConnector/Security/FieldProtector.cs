using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MlConnector.Security;

/// <summary>
/// Authenticated encryption of single values (phone numbers, message bodies, webhook parameters) and a keyed hash
/// (blind index) for looking phone numbers up without decrypting.
/// </summary>
/// <remarks>
/// Blob layout: version (1 byte) | key id (4 bytes, big endian) | nonce (12) | tag (16) | ciphertext.
/// The purpose (for example "alert.body") and the key id are authenticated as associated data, so a value cannot be
/// moved to another column or relabelled with another key id without failing to decrypt.
/// The keys are data keys (<see cref="DataKeySet"/>): random, one per key id, kept in the database wrapped by the master
/// key (envelope encryption). Rotation adds a key id; old ids stay held, so old rows stay readable. The blind-index key
/// never rotates, so lookups keep working across both kinds of rotation.
/// </remarks>
public sealed class FieldProtector
{
    private const byte FormatVersion = 1;
    private const int HeaderLength = 1 + 4;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly Func<DataKeySet> _load;
    private readonly Func<int, byte[]?>? _fetch;
    private readonly Lock _loadLock = new();
    private DataKeySet? _keys;
    private int _activeKeyId;

    /// <summary>A protector over keys already in memory (a test, a benchmark, a tool).</summary>
    public FieldProtector(DataKeySet keys)
        : this(() => keys, null)
    {
        ArgumentNullException.ThrowIfNull(keys);
    }

    /// <param name="load">Loads the key set on first use (the service: from the database, unwrapped).</param>
    /// <param name="fetch">The key of a key id not held yet (made by another process since), or null.</param>
    internal FieldProtector(Func<DataKeySet> load, Func<int, byte[]?>? fetch)
    {
        _load = load;
        _fetch = fetch;
    }

    /// <summary>The key id new values are encrypted under: the one last activated, else the newest held.</summary>
    public int ActiveKeyId
    {
        get
        {
            var keys = Keys;
            return Volatile.Read(ref _activeKeyId) is > 0 and var active ? active : keys.NewestKeyId;
        }
    }

    /// <summary>Loads the keys now (start-up does, so a wrong master key stops it before anything runs).</summary>
    public void Load() => _ = Keys;

    /// <summary>Makes a key id the one new values are written under (after a rotation); its key must be held or
    /// fetchable.</summary>
    public void Activate(int keyId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keyId, 1);
        _ = EncryptionKey(keyId, "key");
        Volatile.Write(ref _activeKeyId, keyId);
    }

    /// <summary>Holds the key of a key id made since this protector loaded its keys.</summary>
    public void AddKey(int keyId, ReadOnlySpan<byte> key) => Keys.Add(keyId, key);

    public byte[] Protect(string plaintext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var keyId = ActiveKeyId;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[HeaderLength + NonceLength + TagLength + plain.Length];
        blob[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(1, 4), keyId);
        var nonce = blob.AsSpan(HeaderLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        var tag = blob.AsSpan(HeaderLength + NonceLength, TagLength);
        var cipher = blob.AsSpan(HeaderLength + NonceLength + TagLength);

        using var aes = new AesGcm(EncryptionKey(keyId, purpose), TagLength);
        aes.Encrypt(nonce, plain, cipher, tag, AssociatedData(purpose, keyId));
        return blob;
    }

    public string Unprotect(byte[] blob, string purpose)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length < HeaderLength + NonceLength + TagLength || blob[0] != FormatVersion)
        {
            throw new CryptographicException($"The stored {purpose} value is not in a format this version can read.");
        }

        var keyId = KeyIdOf(blob);
        var nonce = blob.AsSpan(HeaderLength, NonceLength);
        var tag = blob.AsSpan(HeaderLength + NonceLength, TagLength);
        var cipher = blob.AsSpan(HeaderLength + NonceLength + TagLength);
        var plain = new byte[cipher.Length];

        using var aes = new AesGcm(EncryptionKey(keyId, purpose), TagLength);
        try
        {
            aes.Decrypt(nonce, cipher, tag, plain, AssociatedData(purpose, keyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException(
                $"The stored {purpose} value failed authentication: it was altered, or it was written with other keys than this database's.");
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The value, or <paramref name="unreadable"/> when it fails authentication (for lists that should show
    /// the rest rather than fail on one damaged row).</summary>
    public string UnprotectOr(byte[] blob, string purpose, string unreadable)
    {
        try
        {
            return Unprotect(blob, purpose);
        }
        catch (CryptographicException)
        {
            return unreadable;
        }
    }

    /// <summary>The key id a stored value was written under (for re-encryption after rotation).</summary>
    public static int KeyIdOf(byte[] blob) => BinaryPrimitives.ReadInt32BigEndian(blob.AsSpan(1, 4));

    /// <summary>A deterministic keyed hash of a value (an E.164 phone number) for equality lookups.</summary>
    public string BlindIndex(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var mac = HMACSHA256.HashData(Keys.BlindIndexKey, Encoding.UTF8.GetBytes(value));
        return Convert.ToHexStringLower(mac);
    }

    private DataKeySet Keys
    {
        get
        {
            if (Volatile.Read(ref _keys) is { } keys)
            {
                return keys;
            }

            // Not Lazy<T>: a load that fails (the database briefly away) is tried again on the next use.
            lock (_loadLock)
            {
                return _keys ??= _load();
            }
        }
    }

    private byte[] EncryptionKey(int keyId, string purpose)
    {
        var keys = Keys;
        if (keys.TryGetFieldKey(keyId, out var key))
        {
            return key;
        }

        byte[]? fetched;
        try
        {
            fetched = _fetch?.Invoke(keyId);
        }
        catch (MasterKeyException e)
        {
            throw new CryptographicException($"The {purpose} value is under key id {keyId}, which this process cannot open: {e.Message}", e);
        }

        if (fetched is not null)
        {
            keys.Add(keyId, fetched);
            return fetched;
        }

        throw new CryptographicException($"The {purpose} value is under key id {keyId}, which this database does not hold.");
    }

    private static byte[] AssociatedData(string purpose, int keyId) =>
        Encoding.UTF8.GetBytes($"{purpose}|{keyId}");
}
