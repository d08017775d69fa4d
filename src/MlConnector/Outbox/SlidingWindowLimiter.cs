namespace MlConnector.Outbox;

/// <summary>
/// "At most N Messages-create requests in every one-second window of the clock" (design.md, Decisions), on the
/// injected <see cref="TimeProvider"/> (TokenBucketRateLimiter has none). A request holds its slot from before it is
/// sent until one second after its answer, so wherever between the two Twilio stamps it, no one-second window on
/// Twilio's side holds more than N. Non-blocking: the caller decides how to wait.
/// </summary>
public sealed class SlidingWindowLimiter(TimeProvider time, int perSecond)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Queue<DateTimeOffset> _ended = new();
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int PerSecond { get; } = perSecond > 0 ? perSecond : throw new ArgumentOutOfRangeException(nameof(perSecond));

    /// <summary>Takes a slot, or says how long the clock must move before one frees up.</summary>
    public Slot? TryAcquire(out TimeSpan wait) => TryAcquire(out wait, out _);

    /// <summary>
    /// Takes a slot, or says how long the clock must move before one frees up (<see cref="TimeSpan.Zero"/> with a
    /// null slot: every slot is held by a request still in flight; await <paramref name="released"/>).
    /// </summary>
    /// <param name="wait">How long the clock must move before a slot frees up.</param>
    /// <param name="released">
    /// Completes when a request in flight gives its slot back. Taken under the same lock as the answer, so a slot
    /// given back between this call and the caller's await still wakes it (read separately, that release was lost and
    /// the dispatcher waited for ever with nothing in flight).
    /// </param>
    public Slot? TryAcquire(out TimeSpan wait, out Task released)
    {
        lock (_gate)
        {
            released = _released.Task;
            var now = time.GetUtcNow();
            while (_ended.Count > 0 && _ended.Peek() <= now - Window)
            {
                _ended.Dequeue();
            }

            if (_inFlight + _ended.Count < PerSecond)
            {
                _inFlight++;
                wait = TimeSpan.Zero;
                return new Slot(this);
            }

            wait = _ended.Count > 0 ? _ended.Peek() + Window - now : TimeSpan.Zero;
            return null;
        }
    }

    private void Return(bool used)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            _inFlight--;
            if (used)
            {
                _ended.Enqueue(time.GetUtcNow());
            }

            released = _released;
            _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    /// <summary>A taken slot: <see cref="Complete"/> after the request's answer, <see cref="Cancel"/> if none was sent.</summary>
    public sealed class Slot(SlidingWindowLimiter limiter)
    {
        private int _done;

        public void Complete()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                limiter.Return(used: true);
            }
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                limiter.Return(used: false);
            }
        }
    }
}
