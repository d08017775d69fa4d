using Microsoft.Extensions.Time.Testing;
using MlConnector.Outbox;

namespace MlConnector.Tests.Outbox;

public sealed class SlidingWindowLimiterTests
{
    private readonly FakeTimeProvider _time = TestClock.New();

    [Fact]
    public void TryAcquire_NInAWindow_ThenWaitsUntilTheFirstRequestLeftOneSecondAgo()
    {
        var limiter = new SlidingWindowLimiter(_time, 2);
        limiter.TryAcquire(out _)!.Sent();
        _time.Advance(TimeSpan.FromMilliseconds(300));
        limiter.TryAcquire(out _)!.Sent();

        Assert.Null(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(700), wait);
        _time.Advance(wait);
        Assert.NotNull(limiter.TryAcquire(out _));
    }

    [Fact]
    public void TryAcquire_SlotsNotYetSent_CountUntilOneSecondAfterTheyLeave()
    {
        var limiter = new SlidingWindowLimiter(_time, 1);
        var slot = limiter.TryAcquire(out _)!;
        _time.Advance(TimeSpan.FromSeconds(5)); // a request that has not left yet still holds its slot

        Assert.Null(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.Zero, wait);
        slot.Sent();
        Assert.Null(limiter.TryAcquire(out wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
    }

    [Fact]
    public void Cancel_NoRequestSent_FreesTheSlotAtOnce()
    {
        var limiter = new SlidingWindowLimiter(_time, 1);
        limiter.TryAcquire(out _)!.Cancel();

        Assert.NotNull(limiter.TryAcquire(out _));
    }

    [Fact]
    public void TryAcquire_EverySlotInFlight_AReleaseBeforeTheCallerWaitsStillWakesIt()
    {
        var limiter = new SlidingWindowLimiter(_time, 1);
        var inFlight = limiter.TryAcquire(out _)!;

        Assert.Null(limiter.TryAcquire(out var wait, out var released));
        Assert.Equal(TimeSpan.Zero, wait);
        inFlight.Sent(); // the request leaves before the caller has begun to wait
        Assert.True(released.IsCompleted, "a release the caller had not yet awaited was lost");
    }
}
