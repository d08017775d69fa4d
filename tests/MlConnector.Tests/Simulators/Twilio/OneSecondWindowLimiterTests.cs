using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;

namespace MlConnector.Tests.Simulators.Twilio;

public sealed class OneSecondWindowLimiterTests
{
    private readonly FakeTimeProvider _time = TestClock.New();

    [Fact]
    public void TryAcquire_NPlusOneInOneInstant_RejectsTheLast()
    {
        var limiter = new OneSecondWindowLimiter(_time, 2);

        Assert.Equal([true, true, false], new[] { limiter.TryAcquire(), limiter.TryAcquire(), limiter.TryAcquire() });
    }

    [Fact]
    public void TryAcquire_SlidingWindow_NeverMoreThanNInAnySecond()
    {
        var limiter = new OneSecondWindowLimiter(_time, 2);
        Assert.True(limiter.TryAcquire());               // t = 0
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.True(limiter.TryAcquire());               // t = 0.6
        _time.Advance(TimeSpan.FromMilliseconds(399));
        Assert.False(limiter.TryAcquire());              // t = 0.999: two in (−0.001, 0.999]
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.TryAcquire());               // t = 1.0: the one at 0 has left the window
        Assert.False(limiter.TryAcquire());
    }

    [Fact]
    public void TryAcquire_RejectedRequests_DoNotUseTheWindow()
    {
        var limiter = new OneSecondWindowLimiter(_time, 1);
        Assert.True(limiter.TryAcquire());
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(limiter.TryAcquire());
        _time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.True(limiter.TryAcquire());
    }

    [Fact]
    public void TryAcquire_ZeroPerSecond_Unlimited()
    {
        var limiter = new OneSecondWindowLimiter(_time, 0);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(limiter.TryAcquire()));
    }
}
