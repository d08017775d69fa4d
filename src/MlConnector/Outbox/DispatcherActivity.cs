using MlConnector.Alerts;

namespace MlConnector.Outbox;

/// <summary>
/// What the dispatcher is doing, for tests and the dashboard: "idle" means it waits only for the clock (poll interval,
/// rate window or backoff) with no send in flight and no round of status fetches due or running
/// (<see cref="DeliveryStatusRefresher"/>), so a test can advance a fake clock exactly then. Also the wake-up
/// for new work (replay, a poll's new alerts) that should not wait for the next poll.
/// </summary>
public sealed class DispatcherActivity
{
    private readonly Lock _gate = new();
    private int _inFlight;
    private bool _waitingOnClock;
    private bool _wakeable;
    private TaskCompletionSource? _idle;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DispatcherActivity(NewAlertsSignal newAlerts)
    {
        ArgumentNullException.ThrowIfNull(newAlerts);
        newAlerts.Raised += Wake;
    }

    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return _waitingOnClock && _inFlight == 0;
            }
        }
    }

    /// <summary>Completes when the dispatcher waits only on the clock (at once if it does now).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_waitingOnClock && _inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Ends the dispatcher's current poll wait (new work is due now).</summary>
    public void Wake()
    {
        TaskCompletionSource wake;
        lock (_gate)
        {
            if (_wakeable)
            {
                _waitingOnClock = false; // leaves idle now, not when the dispatcher's continuation runs
            }

            wake = _wake;
            _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    internal Task WakeTask
    {
        get
        {
            lock (_gate)
            {
                return _wake.Task;
            }
        }
    }

    internal void WaitingOnClock(bool waiting, bool wakeable = false) => Change(() =>
    {
        _waitingOnClock = waiting;
        _wakeable = waiting && wakeable;
    });

    internal void Started() => Change(() => _inFlight++);

    internal void Finished() => Change(() => _inFlight--);

    private void Change(Action change)
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            change();
            if (_waitingOnClock && _inFlight == 0)
            {
                idle = _idle;
                _idle = null;
            }
        }

        idle?.TrySetResult();
    }
}
