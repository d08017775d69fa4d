namespace MlConnector.Outbox;

/// <summary>
/// "At most N Messages-create requests in every one-second window of the clock" (design.md, Decisions), on the
/// injected <see cref="TimeProvider"/> (TokenBucketRateLimiter has none). Twilio counts a request when it arrives,
/// which is some time after it left here and before its answer came back. So a request holds its slot from before it
/// is sent until one second after it arrived, as far as this side can tell: one second after its answer, or after
/// <see cref="ArrivalAllowance"/> past its leaving when the answer is slower (a slow answer must not cap the rate near
/// N / (1 s + answer time)). Counting from the leaving alone let two requests one second apart here arrive closer than
/// that at Twilio, and Twilio answered 429. The requests that leave before the first answer came back count until one
/// second after their answer however long that takes: a process's first requests run code for the first time on both
/// sides, and took some 200 ms to reach Twilio. A request leaves when its bytes go out on a connection (the Twilio
/// client's OnWireStream), so a wait for a new connection in a warm process counts as time before it left, not as
/// time on its way. Non-blocking: the caller decides how to wait.
/// </summary>
public sealed class SlidingWindowLimiter(TimeProvider time, int perSecond)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly List<Slot> _left = [];
    private readonly Lock _gate = new();
    private int _inFlight;
    private bool _warm;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// The longest a request is taken to need to reach Twilio when its answer takes longer: a form post of a few hundred
    /// bytes. Each request costs the rate its answer time up to this much (20 ms of 1 s: at least 98 % of the limit).
    /// </summary>
    public static readonly TimeSpan ArrivalAllowance = TimeSpan.FromMilliseconds(20);

    public int PerSecond { get; } = perSecond > 0 ? perSecond : throw new ArgumentOutOfRangeException(nameof(perSecond));

    /// <summary>Takes a slot, or says how long the clock must move before one frees up.</summary>
    public Slot? TryAcquire(out TimeSpan wait) => TryAcquire(out wait, out _);

    /// <summary>
    /// Takes a slot, or says how long the clock must move before one frees up (<see cref="TimeSpan.Zero"/> with a
    /// null slot: every slot is held by a request that has not left yet; await <paramref name="released"/>).
    /// </summary>
    /// <param name="wait">How long the clock must move before a slot frees up.</param>
    /// <param name="released">
    /// Completes when such a request leaves, is answered or is called off. Taken under the same lock as the answer, so
    /// a change between this call and the caller's await still wakes it (read separately, that wake-up was lost and
    /// the dispatcher waited for ever with nothing in flight).
    /// </param>
    public Slot? TryAcquire(out TimeSpan wait, out Task released)
    {
        lock (_gate)
        {
            released = _released.Task;
            var now = Now;
            _left.RemoveAll(s => s.HeldUntil <= now);
            if (_inFlight + _left.Count < PerSecond)
            {
                _inFlight++;
                wait = TimeSpan.Zero;
                return new Slot(this);
            }

            // Slots whose end is not known yet (a cold request not yet answered) free up when answered: await released.
            wait = _left.Select(s => s.HeldUntil).Where(end => end != DateTimeOffset.MaxValue).DefaultIfEmpty(now).Min() - now;
            return null;
        }
    }

    private void Change(Action change)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            change();
            released = _released;
            _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    /// <summary>
    /// A taken slot: <see cref="Sent"/> as the request leaves and <see cref="Answered"/> when it is over (answered,
    /// failed or timed out), or <see cref="Cancel"/> if none was sent. Each takes effect once.
    /// </summary>
    public sealed class Slot(SlidingWindowLimiter limiter)
    {
        private int _state; // 0 taken, 1 left, 2 answered or cancelled
        private bool _cold;

        /// <summary>When the request left (once <see cref="Sent"/>).</summary>
        public DateTimeOffset LeftAt { get; private set; }

        /// <summary>Until when the slot counts once the request left: one second after its arrival at Twilio, as far
        /// as this side can tell (at most <see cref="ArrivalAllowance"/> after it left, one second after that; for a
        /// request that left before any answer came back, one second after its answer, not known until then).</summary>
        public DateTimeOffset HeldUntil { get; private set; }

        /// <summary>The request leaves now: the slot counts until one second after it arrives.</summary>
        public void Sent()
        {
            if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
            {
                limiter.Change(() =>
                {
                    LeftAt = limiter.Now;
                    _cold = !limiter._warm;
                    HeldUntil = _cold ? DateTimeOffset.MaxValue : LeftAt + ArrivalAllowance + Window;
                    limiter._inFlight--;
                    limiter._left.Add(this);
                });
            }
        }

        /// <summary>The request is over: it arrived at Twilio no later than now, so it counts one second from now at
        /// most.</summary>
        public void Answered()
        {
            if (Interlocked.CompareExchange(ref _state, 2, 1) == 1)
            {
                limiter.Change(() =>
                {
                    var now = limiter.Now;
                    HeldUntil = (_cold ? now : ArrivedBy(now)) + Window;
                    limiter._warm = true;
                });
            }
        }

        public void Cancel()
        {
            if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
            {
                limiter.Change(() => limiter._inFlight--);
            }
        }

        /// <summary>When the request reached Twilio at the latest, given that it was over at <paramref name="now"/>.</summary>
        internal DateTimeOffset ArrivedBy(DateTimeOffset now) => now < LeftAt + ArrivalAllowance ? now : LeftAt + ArrivalAllowance;
    }
}
