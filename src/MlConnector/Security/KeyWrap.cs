using System.Security.Cryptography;
using System.Text;

namespace MlConnector.Security;

/// <summary>
/// Envelope encryption of the data keys: each one is wrapped (AES-256-GCM) by the master key, with its name (for
/// example <c>field/2</c>, <c>blind-index/1</c>) as associated data, so a wrapped key cannot be passed off as another.
/// </summary>
/// <remarks>Layout: version (1 byte) | nonce (12) | tag (16) | the wrapped 32-byte key.</remarks>
internal static class KeyWrap
{
    public const int KeyLength = 32;
    private const byte Version = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    public static byte[] NewDataKey() => RandomNumberGenerator.GetBytes(KeyLength);

    public static byte[] Wrap(MasterKey master, string name, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(master);
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"A data key is {KeyLength} bytes.", nameof(key));
        }

        var wrapped = new byte[1 + NonceLength + TagLength + KeyLength];
        wrapped[0] = Version;
        var nonce = wrapped.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(master.Bytes, TagLength);
        aes.Encrypt(nonce, key, wrapped.AsSpan(1 + NonceLength + TagLength), wrapped.AsSpan(1 + NonceLength, TagLength),
            AssociatedData(name));
        return wrapped;
    }

    /// <summary>The data key, or a <see cref="MasterKeyException"/> when this master key did not wrap it (or it was
    /// altered).</summary>
    public static byte[] Unwrap(MasterKey master, string name, byte[] wrapped)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(wrapped);
        if (wrapped.Length != 1 + NonceLength + TagLength + KeyLength || wrapped[0] != Version)
        {
            throw new MasterKeyException($"The stored data key {name} is not in a format this version can read.");
        }

        var key = new byte[KeyLength];
        using var aes = new AesGcm(master.Bytes, TagLength);
        try
        {
            aes.Decrypt(wrapped.AsSpan(1, NonceLength), wrapped.AsSpan(1 + NonceLength + TagLength),
                wrapped.AsSpan(1 + NonceLength, TagLength), key, AssociatedData(name));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new MasterKeyException(
                $"The master key in {master.Origin} does not open the data key {name}: it is not the key the data keys " +
                "are wrapped with (after `keys rotate --master`, every instance needs the new key), or the stored key was altered.");
        }

        return key;
    }

    /// <summary>A one-way fingerprint of the master key (HMAC-SHA256 of a fixed label, 16 bytes in hex), stored beside
    /// the wrapped keys so a process holding another master key is recognised before it writes anything.</summary>
    public static string Fingerprint(MasterKey master)
    {
        ArgumentNullException.ThrowIfNull(master);
        var mac = HMACSHA256.HashData(master.Bytes, "ml-connector/master-key-fingerprint"u8);
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    private static byte[] AssociatedData(string name) => Encoding.UTF8.GetBytes($"ml-connector/data-key/{name}");
}
