namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Counts work handed to a background loop and not yet finished, so tests can await "everything due has been done"
/// instead of sleeping. <see cref="Add"/> runs where the work is handed over (inside a timer callback, so inside
/// FakeTimeProvider.Advance), <see cref="Done"/> where the loop finishes it.
/// </summary>
internal sealed class PendingWork
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = CompletedSource();
    private int _pending;

    public void Add()
    {
        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Done()
    {
        lock (_gate)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    /// <summary>Completes when every piece of work added so far is done.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
