namespace MlConnector.Outbox;

/// <summary>
/// When to try again: exponential backoff with full jitter (a random delay between zero and
/// min(cap, base x 2^(attempt-1))), at least Retry-After when Twilio sent one, and no further attempt once
/// <see cref="MaxAttempts"/> are used. Pure: the caller passes the clock reading and the random draw.
/// </summary>
public sealed record RetrySchedule(int MaxAttempts, TimeSpan Base, TimeSpan Cap)
{
    /// <param name="attemptsMade">Attempts made so far, including the one that just failed.</param>
    /// <param name="random">A draw from [0, 1).</param>
    /// <returns>The next attempt time, or null when the attempts are used up.</returns>
    public DateTimeOffset? Next(int attemptsMade, DateTimeOffset now, TimeSpan? retryAfter, double random)
    {
        if (attemptsMade >= MaxAttempts)
        {
            return null;
        }

        var ceiling = Ceiling(attemptsMade);
        var delay = TimeSpan.FromTicks((long)(ceiling.Ticks * Math.Clamp(random, 0, 1)));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked;
        }

        return now + delay;
    }

    /// <summary>The largest delay after <paramref name="attemptsMade"/> attempts: base x 2^(n-1), capped.</summary>
    public TimeSpan Ceiling(int attemptsMade)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 30);
        var ticks = Base.Ticks * Math.Pow(2, exponent);
        return ticks >= Cap.Ticks ? Cap : TimeSpan.FromTicks((long)ticks);
    }
}
