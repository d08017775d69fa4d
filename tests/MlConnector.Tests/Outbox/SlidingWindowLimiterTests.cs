using Microsoft.Extensions.Time.Testing;
using MlConnector.Outbox;

namespace MlConnector.Tests.Outbox;

public sealed class SlidingWindowLimiterTests
{
    private readonly FakeTimeProvider _time = TestClock.New();

    [Fact]
    public void TryAcquire_NInAWindow_ThenWaitsUntilOneSecondAfterTheFirstRequestWasAnswered()
    {
        var limiter = new SlidingWindowLimiter(_time, 2);
        Send(limiter, answerAfter: TimeSpan.FromMilliseconds(5));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        Send(limiter, answerAfter: TimeSpan.FromMilliseconds(5));

        Assert.Null(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(695), wait); // the first arrived by 5 ms and counts until 1,005 ms; now 310
        _time.Advance(wait);
        Assert.NotNull(limiter.TryAcquire(out _));
    }

    [Fact]
    public void TryAcquire_SlowAnswer_CountsUntilOneSecondAfterTheArrivalAllowance()
    {
        var limiter = Warm(new SlidingWindowLimiter(_time, 1));
        var slot = limiter.TryAcquire(out _)!;
        slot.Sent();
        _time.Advance(TimeSpan.FromMilliseconds(400)); // Twilio takes its time to answer
        slot.Answered();

        Assert.Null(limiter.TryAcquire(out var wait));
        Assert.Equal(SlidingWindowLimiter.ArrivalAllowance + TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(400), wait);
    }

    [Fact]
    public void TryAcquire_AnswerNotYetIn_FreesOneSecondAfterTheArrivalAllowanceAtTheLatest()
    {
        var limiter = Warm(new SlidingWindowLimiter(_time, 1));
        limiter.TryAcquire(out _)!.Sent(); // no answer yet (it may hang until the request timeout)

        Assert.Null(limiter.TryAcquire(out var wait));
        Assert.Equal(SlidingWindowLimiter.ArrivalAllowance + TimeSpan.FromSeconds(1), wait);
        _time.Advance(wait);
        Assert.NotNull(limiter.TryAcquire(out _));
    }

    [Fact]
    public void TryAcquire_RequestsBeforeTheFirstAnswer_CountUntilOneSecondAfterTheirAnswer()
    {
        var limiter = new SlidingWindowLimiter(_time, 1);
        var first = limiter.TryAcquire(out _)!;
        first.Sent(); // a fresh process: connections to open, code run for the first time

        Assert.Null(limiter.TryAcquire(out var wait, out var released));
        Assert.Equal(TimeSpan.Zero, wait); // its end is not known until it is answered
        _time.Advance(TimeSpan.FromMilliseconds(200));
        first.Answered();
        Assert.True(released.IsCompleted);
        Assert.Null(limiter.TryAcquire(out wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
    }

    [Fact]
    public void TryAcquire_SlotsNotYetSent_CountUntilTheyLeave()
    {
        var limiter = new SlidingWindowLimiter(_time, 1);
        var slot = limiter.TryAcquire(out _)!;
        _time.Advance(TimeSpan.FromSeconds(5)); // a request that has not left yet still holds its slot

        Assert.Null(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.Zero, wait);
        slot.Sent();
        slot.Answered();
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

    /// <summary>A first request answered, and the clock moved on until its slot is free again.</summary>
    private SlidingWindowLimiter Warm(SlidingWindowLimiter limiter)
    {
        Send(limiter, TimeSpan.FromMilliseconds(5));
        _time.Advance(TimeSpan.FromSeconds(1));
        return limiter;
    }

    private void Send(SlidingWindowLimiter limiter, TimeSpan answerAfter)
    {
        var slot = limiter.TryAcquire(out _)!;
        slot.Sent();
        _time.Advance(answerAfter);
        slot.Answered();
    }
}
