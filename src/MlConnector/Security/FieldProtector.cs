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
/// Keys are derived from the master key with HKDF: one encryption key per key id (rotation adds an id; old ids stay
/// derivable, so old rows stay readable) and one blind-index key that never rotates (so lookups keep working).
/// </remarks>
public sealed class FieldProtector
{
    private const byte FormatVersion = 1;
    private const int HeaderLength = 1 + 4;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly MasterKey _masterKey;
    private readonly byte[] _blindIndexKey;
    private readonly Dictionary<int, byte[]> _encryptionKeys = [];
    private readonly Lock _keysLock = new();

    public FieldProtector(MasterKey masterKey, int activeKeyId = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(activeKeyId, 1);
        _masterKey = masterKey;
        ActiveKeyId = activeKeyId;
        _blindIndexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey.Bytes.ToArray(), 32,
            info: Encoding.UTF8.GetBytes("ml-connector/v1/blind-index"));
    }

    /// <summary>The key id new values are encrypted under.</summary>
    public int ActiveKeyId { get; private set; }

    /// <summary>Makes a new key id the one new values are written under (after a rotation).</summary>
    public void Activate(int keyId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keyId, 1);
        ActiveKeyId = keyId;
    }

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

        using var aes = new AesGcm(EncryptionKey(keyId), TagLength);
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

        using var aes = new AesGcm(EncryptionKey(keyId), TagLength);
        try
        {
            aes.Decrypt(nonce, cipher, tag, plain, AssociatedData(purpose, keyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException(
                $"The stored {purpose} value failed authentication: it was altered, or the master key is not the one it was written with.");
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
        var mac = HMACSHA256.HashData(_blindIndexKey, Encoding.UTF8.GetBytes(value));
        return Convert.ToHexStringLower(mac);
    }

    private byte[] EncryptionKey(int keyId)
    {
        lock (_keysLock)
        {
            if (!_encryptionKeys.TryGetValue(keyId, out var key))
            {
                key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _masterKey.Bytes.ToArray(), 32,
                    info: Encoding.UTF8.GetBytes($"ml-connector/v1/encryption/{keyId}"));
                _encryptionKeys[keyId] = key;
            }

            return key;
        }
    }

    private static byte[] AssociatedData(string purpose, int keyId) =>
        Encoding.UTF8.GetBytes($"{purpose}|{keyId}");
}
