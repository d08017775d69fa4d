namespace MlConnector.PeerComparison.Phases;

/// <summary>The wall clock the simulators also stamp with (the system clock of this machine).</summary>
internal static class Clock
{
    public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public static Task DelayAsync(TimeSpan delay, CancellationToken ct) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, TimeProvider.System, ct) : Task.CompletedTask;

    public static Task UntilAsync(DateTimeOffset moment, CancellationToken ct) => DelayAsync(moment - Now, ct);
}
