namespace MlConnector.Outbox;

/// <summary>
/// "At most N Messages-create requests in every one-second window of the clock" (design.md, Decisions), on the
/// injected <see cref="TimeProvider"/> (TokenBucketRateLimiter has none). A request holds its slot from before it is
/// sent until one second after it left (not after its answer: a slow answer would cap the rate near N / (1 s + answer
/// time)), so every window is filled up to N and never beyond. Non-blocking: the caller decides how to wait.
/// </summary>
public sealed class SlidingWindowLimiter(TimeProvider time, int perSecond)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int PerSecond { get; } = perSecond > 0 ? perSecond : throw new ArgumentOutOfRangeException(nameof(perSecond));

    /// <summary>Takes a slot, or says how long the clock must move before one frees up.</summary>
    public Slot? TryAcquire(out TimeSpan wait) => TryAcquire(out wait, out _);

    /// <summary>
    /// Takes a slot, or says how long the clock must move before one frees up (<see cref="TimeSpan.Zero"/> with a
    /// null slot: every slot is held by a request that has not left yet; await <paramref name="released"/>).
    /// </summary>
    /// <param name="wait">How long the clock must move before a slot frees up.</param>
    /// <param name="released">
    /// Completes when such a request leaves or is called off. Taken under the same lock as the answer, so a request
    /// leaving between this call and the caller's await still wakes it (read separately, that wake-up was lost and
    /// the dispatcher waited for ever with nothing in flight).
    /// </param>
    public Slot? TryAcquire(out TimeSpan wait, out Task released)
    {
        lock (_gate)
        {
            released = _released.Task;
            var now = time.GetUtcNow();
            while (_sent.Count > 0 && _sent.Peek() <= now - Window)
            {
                _sent.Dequeue();
            }

            if (_inFlight + _sent.Count < PerSecond)
            {
                _inFlight++;
                wait = TimeSpan.Zero;
                return new Slot(this);
            }

            wait = _sent.Count > 0 ? _sent.Peek() + Window - now : TimeSpan.Zero;
            return null;
        }
    }

    private void Return(bool sent)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            _inFlight--;
            if (sent)
            {
                _sent.Enqueue(time.GetUtcNow());
            }

            released = _released;
            _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    /// <summary>A taken slot: <see cref="Sent"/> as the request leaves, <see cref="Cancel"/> if none was sent.</summary>
    public sealed class Slot(SlidingWindowLimiter limiter)
    {
        private int _done;

        /// <summary>The request leaves now: the slot counts for one second from now.</summary>
        public void Sent()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                limiter.Return(sent: true);
            }
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                limiter.Return(sent: false);
            }
        }
    }
}
