namespace MlConnector.Outbox;

/// <summary>
/// Permission for one Messages-create request: a slot of this instance's <see cref="SlidingWindowLimiter"/> (the fast
/// path, never looser than the shared budget) and, once reserved, a row of the shared <see cref="SendBudget"/>.
/// <see cref="Sent"/> as the request leaves and <see cref="AnsweredAsync"/> when it is over, or
/// <see cref="CancelAsync"/> if none was sent; each is idempotent.
/// </summary>
public sealed class SendSlot(SlidingWindowLimiter.Slot local, SendBudget budget, ILogger logger)
{
    private long _shared;

    internal void Attach(long slotId) => _shared = slotId;

    /// <summary>The request leaves now.</summary>
    public void Sent() => local.Sent();

    /// <summary>The request is over (answered, failed or timed out): both slots count until one second after it
    /// arrived at Twilio, as far as this side can tell (<see cref="SlidingWindowLimiter.Slot.HeldUntil"/>). Until now
    /// the shared row kept its conservative hold, which other instances honour: safe, only slower.</summary>
    public Task AnsweredAsync(CancellationToken ct)
    {
        local.Sent(); // no-op when it left; if the sender never said so, counted from now: never looser
        local.Answered();
        return ReleaseShared(local.HeldUntil, ct);
    }

    public Task CancelAsync(CancellationToken ct)
    {
        local.Cancel();
        return ReleaseShared(null, ct);
    }

    private async Task ReleaseShared(DateTimeOffset? heldUntil, CancellationToken ct)
    {
        var id = Interlocked.Exchange(ref _shared, 0);
        if (id == 0)
        {
            return;
        }

        try
        {
            await (heldUntil is { } until ? budget.HoldUntilAsync(id, until, ct) : budget.CancelAsync(id, ct));
        }
        catch (Exception e)
        {
            // Safe to drop: the row stays held until its conservative end, which only slows sending.
            logger.BudgetReleaseFailed(e, id);
        }
    }
}
