namespace MlConnector.Sms;

/// <summary>
/// What this instance's latest Messages-create requests came to, for Twilio's readiness: the failures (transient or in
/// doubt: 429, 5xx, timeouts) since the last text Twilio accepted. An outage where every send fails shows at once, not
/// after the account fetch or a quarter of an hour of history. A permanent refusal (a bad number) says nothing about
/// Twilio and is not counted. Kept in memory: each instance reports what its own sends saw.
/// </summary>
public sealed class RecentSendOutcomes(TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset? _firstFailure;
    private DateTimeOffset? _lastFailure;
    private string? _lastReason;

    /// <summary>Notes one request's result.</summary>
    public void Record(SendResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            switch (result)
            {
                case SendResult.Sent:
                    (_failures, _firstFailure, _lastFailure, _lastReason) = (0, null, null, null);
                    break;
                case SendResult.Transient t:
                    Fail(now, t.Code is { } c ? $"{c} {t.Reason}" : t.Reason);
                    break;
                case SendResult.InDoubt d:
                    Fail(now, d.Reason);
                    break;
            }
        }
    }

    /// <summary>The failures since the last accepted text, when the latest is no older than <paramref name="within"/>.</summary>
    public (int Failures, DateTimeOffset FirstAt, string Reason)? FailingSince(TimeSpan within)
    {
        lock (_gate)
        {
            return _failures > 0 && _lastFailure >= time.GetUtcNow() - within
                ? (_failures, _firstFailure!.Value, _lastReason!)
                : null;
        }
    }

    private void Fail(DateTimeOffset now, string reason)
    {
        _failures++;
        _firstFailure ??= now;
        _lastFailure = now;
        _lastReason = reason;
    }
}
