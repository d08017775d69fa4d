namespace MlConnector.Security;

/// <summary>
/// Stops start-up before anything else runs when the master key is missing or unusable; once the migrations have
/// run (it is registered after storage), opens the data keys (a master key that does not open them stops start-up),
/// makes the newest recorded key id the one new values are written under, and says so in <c>key_holders</c> until the
/// service stops.
/// </summary>
internal sealed class ActivateKeyOnStartup(IServiceProvider services, KeyRingStore keyRing, KeyHolders holders) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<MasterKey>();
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var protector = services.GetRequiredService<FieldProtector>();
        protector.Load();
        protector.Activate(await keyRing.ActiveKeyIdAsync(cancellationToken));
        await holders.ReportAsync(protector.ActiveKeyId, cancellationToken);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await holders.RemoveAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The database is gone: the row ages out (KeyHolders.AliveWindow).
        }
    }
}
