namespace MlConnector.Security;

/// <summary>
/// Stops start-up before anything else runs when the master key is missing or unusable; once the migrations have
/// run (it is registered after storage), makes the newest recorded key id the one new values are written under.
/// </summary>
internal sealed class ActivateKeyOnStartup(IServiceProvider services, KeyRingStore keyRing) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<MasterKey>();
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var protector = services.GetRequiredService<FieldProtector>();
        protector.Activate(await keyRing.ActiveKeyIdAsync(cancellationToken));
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
