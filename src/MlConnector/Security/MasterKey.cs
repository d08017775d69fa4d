namespace MlConnector.Security;

/// <summary>The 32-byte secret that wraps the data keys (envelope encryption); it never encrypts a value itself and is
/// never stored with the data.</summary>
public sealed class MasterKey
{
    public const string EnvironmentVariable = "MLC_MASTER_KEY";
    public const int Length = 32;

    private readonly byte[] _bytes;

    private MasterKey(byte[] bytes, string origin)
    {
        _bytes = bytes;
        Origin = origin;
    }

    internal ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Where the key came from, for messages (never the key itself).</summary>
    public string Origin { get; }

    /// <summary>Whether <paramref name="other"/> is the same key.</summary>
    public bool SameAs(MasterKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);
    }

    public static MasterKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new MasterKeyException($"The master key must be {Length} bytes; this one is {bytes.Length}.");
        }

        return new MasterKey(bytes.ToArray(), "the given bytes");
    }

    /// <param name="base64">The key as base64 text.</param>
    /// <param name="origin">Where the text came from, for the error message (never the key itself).</param>
    public static MasterKey FromBase64(string base64, string origin)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new MasterKeyException($"The master key in {origin} is not valid base64.");
        }

        if (bytes.Length != Length)
        {
            throw new MasterKeyException(
                $"The master key in {origin} is {bytes.Length} bytes; it must be {Length} bytes (44 base64 characters).");
        }

        return new MasterKey(bytes, origin);
    }

    public static string GenerateBase64() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Length));
}

/// <summary>The master key is missing or unusable; start-up stops with this message.</summary>
public sealed class MasterKeyException(string message) : Exception(message);
