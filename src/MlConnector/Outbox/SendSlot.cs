namespace MlConnector.Outbox;

/// <summary>
/// Permission for one Messages-create request: a slot of this instance's <see cref="SlidingWindowLimiter"/> (the fast
/// path, never looser than the shared budget) and, once reserved, a row of the shared <see cref="SendBudget"/>.
/// <see cref="SentAsync"/> as the request leaves, <see cref="CancelAsync"/> if none was sent; both are idempotent.
/// </summary>
public sealed class SendSlot(SlidingWindowLimiter.Slot local, SendBudget budget, ILogger logger)
{
    private long _shared;

    internal void Attach(long slotId) => _shared = slotId;

    /// <summary>The request leaves now: both slots count for one second from now.</summary>
    public Task SentAsync(CancellationToken ct)
    {
        local.Sent();
        return ReleaseShared(sent: true, ct);
    }

    public Task CancelAsync(CancellationToken ct)
    {
        local.Cancel();
        return ReleaseShared(sent: false, ct);
    }

    private async Task ReleaseShared(bool sent, CancellationToken ct)
    {
        var id = Interlocked.Exchange(ref _shared, 0);
        if (id == 0)
        {
            return;
        }

        try
        {
            await (sent ? budget.SentAsync(id, ct) : budget.CancelAsync(id, ct));
        }
        catch (Exception e)
        {
            // Safe to drop: the row stays held until its conservative end, which only slows sending.
            logger.BudgetReleaseFailed(e, id);
        }
    }
}
