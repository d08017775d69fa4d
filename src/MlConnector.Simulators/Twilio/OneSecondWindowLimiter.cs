namespace MlConnector.Simulators.Twilio;

/// <summary>
/// "At most N Messages-create requests accepted in every one-second window of the clock" (design.md, Decisions):
/// a sliding window over the times of accepted requests, read from the injected clock. A request at time t is
/// accepted when fewer than N accepted requests lie in (t - 1 s, t].
/// </summary>
internal sealed class OneSecondWindowLimiter(TimeProvider time, int perSecond)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Queue<DateTimeOffset> _accepted = new();
    private readonly Lock _gate = new();

    public int PerSecond { get; set; } = perSecond;

    public bool TryAcquire()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_accepted.Count > 0 && _accepted.Peek() <= now - Window)
            {
                _accepted.Dequeue();
            }

            if (PerSecond > 0 && _accepted.Count >= PerSecond)
            {
                return false;
            }

            _accepted.Enqueue(now);
            return true;
        }
    }
}
