namespace MlConnector.Detection;

/// <summary>
/// When one rule polls: on the beats of its cadence (a late poll does not shift them, a beat a poll overran is skipped,
/// a beat due right when a poll ends is kept), and sooner, <c>retryHeld</c> after the start of a poll another instance
/// held, without losing the beat that was coming. A poll's wake-ups are armed before the poll starts, so whatever moves
/// the clock once a poll has ended (a test's fake clock, or a thread descheduled between reading the clock and arming a
/// timer) finds them armed: the loop cannot miss its next poll.
/// </summary>
internal sealed class CadenceLoop(TimeSpan cadence, TimeSpan retryHeld, TimeProvider time)
{
    /// <summary>Polls until cancelled; <paramref name="pollAsync"/> answers whether another instance held the rule.</summary>
    public async Task RunAsync(Func<CancellationToken, Task<bool>> pollAsync, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pollAsync);
        var next = time.GetUtcNow(); // the first beat is now
        while (true)
        {
            // A poll on a beat spends it (a retry does not): the next beat is the first one after the poll starts.
            var start = time.GetUtcNow();
            while (next <= start)
            {
                next += cadence;
            }

            using var wakeUps = CancellationTokenSource.CreateLinkedTokenSource(ct);
            try
            {
                var onBeat = Task.Delay(next - start, time, wakeUps.Token);
                var onRetry = retryHeld < next - start ? Task.Delay(retryHeld, time, wakeUps.Token) : null;
                var held = await pollAsync(ct);
                var end = time.GetUtcNow();
                if (end <= next)
                {
                    await (held && onRetry is not null ? await Task.WhenAny(onBeat, onRetry) : onBeat);
                    continue;
                }

                // The poll overran the beat: skip the beats it overran, keep one due right now.
                while (next < end)
                {
                    next += cadence;
                }

                await Task.Delay(held && end + retryHeld < next ? retryHeld : next - end, time, ct);
            }
            finally
            {
                await wakeUps.CancelAsync(); // the wake-up that did not come first
            }
        }
    }
}
