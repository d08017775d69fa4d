using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MlConnector.Alerts;
using MlConnector.Recipients;
using MlConnector.Sms;

namespace MlConnector.Outbox;

/// <summary>
/// Claims due alerts one at a time with a lease, within the sender's rate window (this instance's, then the budget
/// shared through the database) and a bound on sends in flight, and hands each to the <see cref="AttemptRunner"/>.
/// Every wait is on the injected clock.
/// </summary>
public sealed class OutboxDispatcher(AlertLeases leases, AttemptRunner runner, SendBudget budget, DispatcherActivity activity,
    OptOutList optOuts,
    IOptions<OutboxOptions> outboxOptions, IOptions<TwilioOptions> twilioOptions, TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan ShortestLook = TimeSpan.FromMilliseconds(100);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    // The alerts this dispatcher is sending now: never claimed again while their attempt runs, even when the lease ran
    // out under it (only the loop adds, each attempt removes its own when it ends).
    private readonly ConcurrentDictionary<long, byte> _sending = new();

    /// <summary>This dispatcher's name on the alerts it claims.</summary>
    public string Owner => _owner;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var twilio = twilioOptions.Value;
        if (!twilio.Enabled)
        {
            Sms.Log.DeliveryOff(logger);
            return;
        }

        Sms.Log.DeliveryOn(logger, twilio.AccountSid!, twilio.SenderKey, twilio.MessagesPerSecond, twilio.BaseUrl);
        await AdoptUnattributedOptOutsAsync(twilio.SenderKey, stoppingToken);
        var o = outboxOptions.Value;
        var limiter = new SlidingWindowLimiter(time, twilioOptions.Value.MessagesPerSecond);
        using var concurrency = new SemaphoreSlim(Math.Max(1, o.MaxConcurrency));
        var running = new List<Task>();
        logger.DispatcherStarted(_owner, limiter.PerSecond, o.MaxConcurrency, o.LeaseDuration);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await concurrency.WaitAsync(stoppingToken);
                var slot = new SendSlot(await AcquireAsync(limiter, stoppingToken), budget, logger);
                ClaimedAlert? alert = null;
                var wake = activity.WakeTask; // before the claim: new work woken for after it is not missed
                try
                {
                    alert = await leases.ClaimAsync(_owner, time.GetUtcNow(), o.LeaseDuration, [.. _sending.Keys], stoppingToken);
                    if (alert is not null)
                    {
                        await ReserveSharedAsync(slot, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.DispatchFailed(e); // a claimed alert comes back when its lease runs out
                    alert = null;
                }

                if (alert is null)
                {
                    await slot.CancelAsync(stoppingToken);
                    concurrency.Release();
                    await WaitOnClockAsync(await UntilNextLookAsync(o.PollInterval, stoppingToken), wake, stoppingToken);
                    continue;
                }

                activity.Started();
                _sending[alert.Id] = 0;
                running.RemoveAll(t => t.IsCompleted);
                running.Add(RunOneAsync(alert, slot, concurrency, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

        await Task.WhenAll(running);

        // Stopping cleanly: hand back what this instance still holds, so another instance need not wait out the lease.
        // An alert whose send was cut short keeps its in-doubt mark and is reconciled before any resend.
        try
        {
            await leases.ReleaseAllAsync(_owner, CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.DispatchFailed(e);
        }
    }

    /// <summary>
    /// How long an idle dispatcher waits before it looks for due alerts again (unless woken: a poll's new alerts, a
    /// replay, a released hold): until the next pending alert falls due or its lease runs out, and at most
    /// Outbox:PollInterval, which bounds how late it sees work it is not woken for (an alert replayed from the command
    /// line, a clock that jumped). An idle service wakes only that often (each wake-up costs more CPU than the look).
    /// </summary>
    private async Task<TimeSpan> UntilNextLookAsync(TimeSpan longest, CancellationToken ct)
    {
        try
        {
            var next = await leases.NextClaimableAtAsync([.. _sending.Keys], ct);
            var wait = next is { } at ? at - time.GetUtcNow() : longest;
            // Due already but not claimed: another instance holds it in its claim (PostgreSQL's SKIP LOCKED). Soon again.
            return wait < ShortestLook ? Shorter(ShortestLook, longest) : Shorter(wait, longest);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.DispatchFailed(e);
            return longest;
        }
    }

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Opt-outs written before they were kept per sender belong to the sender configured then: this one.</summary>
    private async Task AdoptUnattributedOptOutsAsync(string sender, CancellationToken ct)
    {
        try
        {
            if (await optOuts.AdoptUnattributedAsync(sender, ct) is > 0 and var adopted)
            {
                logger.OptOutsAdopted(adopted, sender);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.DispatchFailed(e); // tried again at the next start; until then those rows stop nobody
        }
    }

    private async Task RunOneAsync(ClaimedAlert alert, SendSlot slot, SemaphoreSlim concurrency,
        CancellationToken ct)
    {
        try
        {
            await runner.RunAsync(alert, _owner, slot, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.AttemptFailed(e, alert.Id);
            await GiveBackAsync(alert, ct); // not left to wait out its lease; a send in doubt stays in doubt
        }
        catch (OperationCanceledException)
        {
            // shutting down mid-attempt: the lease expires and the alert (in doubt if its POST left) is claimed again
        }
        finally
        {
            await slot.CancelAsync(CancellationToken.None); // no-op when the runner completed or cancelled it
            _sending.TryRemove(alert.Id, out _);
            concurrency.Release();
            // An idle wait worked out while this attempt ran did not count its alert (a retry may fall due soon): look
            // again. Woken before "finished", so the dispatcher is never seen idle in between.
            activity.Wake();
            activity.Finished();
        }
    }

    /// <summary>An alert whose attempt failed unexpectedly (a broken row, a database error) is due again after the
    /// longest retry delay: soon enough to recover, rare enough that a row that always fails logs once in a while.</summary>
    private async Task GiveBackAsync(ClaimedAlert alert, CancellationToken ct)
    {
        try
        {
            await leases.ReleaseAsync(alert, time.GetUtcNow() + twilioOptions.Value.BackoffCap, ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or OperationCanceledException)
        {
            logger.DispatchFailed(e); // the lease runs out instead
        }
    }

    private async Task<SlidingWindowLimiter.Slot> AcquireAsync(SlidingWindowLimiter limiter, CancellationToken ct)
    {
        while (true)
        {
            var asked = time.GetUtcNow();
            if (limiter.TryAcquire(out var wait, out var released) is { } slot)
            {
                return slot;
            }

            if (wait > TimeSpan.Zero)
            {
                await WaitOnClockUntilAsync(asked + wait, ct);
            }
            else
            {
                await released.WaitAsync(ct); // every slot is held by a send in flight
            }
        }
    }

    /// <summary>Waits on the clock until the budget shared by every instance has room for one more request.</summary>
    private async Task ReserveSharedAsync(SendSlot slot, CancellationToken ct)
    {
        while (true)
        {
            var asked = time.GetUtcNow();
            var (id, wait) = await budget.TryReserveAsync(_owner, ct);
            if (id is { } slotId)
            {
                slot.Attach(slotId);
                return;
            }

            await WaitOnClockUntilAsync(asked + wait, ct);
        }
    }

    /// <summary>Waits on the clock until <paramref name="until"/>: a wait is counted from when it was worked out, not
    /// from when its timer starts (the clock moves on in between: a send's answer came in, a database write took its
    /// time, and the dispatcher sent that much later than it could have).</summary>
    private async Task WaitOnClockUntilAsync(DateTimeOffset until, CancellationToken ct)
    {
        var delay = until - time.GetUtcNow();
        if (delay > TimeSpan.Zero)
        {
            await WaitOnClockAsync(delay, null, ct);
        }
    }

    /// <summary>Waits <paramref name="delay"/> on the injected clock (or until woken), reporting it as idle time.</summary>
    private async Task WaitOnClockAsync(TimeSpan delay, Task? wake, CancellationToken ct)
    {
        var elapsed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        activity.WaitingOnClock(true, wakeable: wake is not null);
        try
        {
            // The timer callback leaves the idle state itself, inside FakeTimeProvider.Advance, so a test that
            // advances and then awaits idleness never sees a stale "idle".
            using var timer = time.CreateTimer(_ =>
            {
                activity.WaitingOnClock(false);
                elapsed.TrySetResult();
            }, null, delay, Timeout.InfiniteTimeSpan);
            await (wake is null ? elapsed.Task : Task.WhenAny(elapsed.Task, wake)).WaitAsync(ct);
        }
        finally
        {
            activity.WaitingOnClock(false);
        }
    }
}
