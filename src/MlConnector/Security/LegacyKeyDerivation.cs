using System.Security.Cryptography;
using System.Text;

namespace MlConnector.Security;

/// <summary>
/// The keys of the scheme before envelope encryption, derived from the master key with HKDF-SHA256: one per key id and
/// one for the blind index. Used once, when a database written under that scheme is first opened: the keys are
/// imported as wrapped data keys (marked <c>derived</c>), so every existing value still decrypts and every blind index
/// still matches. Nothing else derives keys from the master key.
/// </summary>
internal static class LegacyKeyDerivation
{
    public static byte[] FieldKey(MasterKey master, int keyId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, master.Bytes.ToArray(), KeyWrap.KeyLength,
            info: Encoding.UTF8.GetBytes($"ml-connector/v1/encryption/{keyId}"));

    public static byte[] BlindIndexKey(MasterKey master) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, master.Bytes.ToArray(), KeyWrap.KeyLength,
            info: Encoding.UTF8.GetBytes("ml-connector/v1/blind-index"));
}
