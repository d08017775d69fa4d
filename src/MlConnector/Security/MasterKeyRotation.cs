namespace MlConnector.Security;

/// <summary>What a master-key rotation did: the data keys re-wrapped, and how many of them were derived from the master
/// key of the scheme before envelope encryption (that key still derives them).</summary>
public sealed record MasterRotationReport(int Keys, int Derived);

/// <summary>
/// Master-key rotation (<c>keys rotate --master</c>): every data key re-wrapped from the current master key to a new one,
/// with the fingerprint beside them, in one transaction. No value is re-encrypted and no blind index changes; afterwards
/// the old master key opens no data key, and a process still holding it writes no wrapped key
/// (<see cref="KeyRingStore"/>'s fence).
/// </summary>
internal sealed class MasterKeyRotation(KeyRingStore store, MasterKey current)
{
    public async Task<MasterRotationReport> RotateAsync(MasterKey next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.SameAs(current))
        {
            throw new MasterKeyException(
                $"The new master key ({next.Origin}) is the one in use; give a new key ({MasterKeyLoader.NewKeyVariable} or --new-key-file).");
        }

        var keys = await store.RewrapAsync(current, next, ct);
        foreach (var key in await store.ReadAllAsync(ct))
        {
            _ = KeyWrap.Unwrap(next, key.Name, key.Wrapped); // what was committed opens with the new key
        }

        return new MasterRotationReport(keys.Count, keys.Count(k => k.Derived));
    }
}
