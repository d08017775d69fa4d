namespace MlConnector.Alerts;

/// <summary>
/// Raised once alerts that are due now have been committed (a poll enqueued them, a replay or a released hold made
/// them due again), so whoever sends them (the dispatcher) starts at once instead of at its next look at the queue.
/// A hint only: missing it delays, never loses.
/// </summary>
public sealed class NewAlertsSignal
{
    public event Action? Raised;

    public void Raise() => Raised?.Invoke();
}
