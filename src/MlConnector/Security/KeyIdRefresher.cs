using MlConnector.Scheduling;

namespace MlConnector.Security;

/// <summary>
/// Picks up a key id added by <c>keys rotate</c> in another process, so a running service starts writing under the new
/// key within <see cref="Interval"/>, and says which key id it writes under (<see cref="KeyHolders"/>) so the rotation
/// knows when every instance has switched. An instance whose master key was rotated away cannot open the new key: it
/// keeps writing under the key id it holds (its keys stay in memory; it writes no wrapped key) and says it needs a
/// restart with the new master key.
/// </summary>
internal sealed class KeyIdRefresher(KeyRingStore keyRing, KeyHolders holders, DataKeys dataKeys, FieldProtector protector,
    TimeProvider time, ILogger<KeyIdRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private int _refusedKeyId;
    private bool _rotatedAwayLogged;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A failed round: the database is briefly unavailable; tried again next round, and /health/ready reports it.
        await Rounds.RunAsync(Interval, time, RefreshOnceAsync, _ => { }, stoppingToken);
    }

    /// <summary>One tick: take up the newest key id if this process can open it, then say which id it writes under.</summary>
    public async Task RefreshOnceAsync(CancellationToken ct)
    {
        var newest = await keyRing.ActiveKeyIdAsync(ct);
        if (newest > protector.ActiveKeyId)
        {
            try
            {
                if (await dataKeys.FetchAsync(newest, ct) is { } key)
                {
                    protector.AddKey(newest, key);
                    protector.Activate(newest);
                    logger.KeyIdTakenUp(newest);
                }
            }
            catch (MasterKeyException)
            {
                if (_refusedKeyId != newest)
                {
                    _refusedKeyId = newest;
                    logger.NewKeyIdNotOpened(newest, protector.ActiveKeyId);
                }
            }
        }

        if (!_rotatedAwayLogged && await keyRing.FingerprintAsync(ct) is { } fingerprint
            && fingerprint != KeyWrap.Fingerprint(dataKeys.Master))
        {
            _rotatedAwayLogged = true;
            logger.MasterKeyRotatedAway();
        }

        await holders.ReportAsync(protector.ActiveKeyId, ct);
    }
}
