using MlConnector.Outbox;

namespace MlConnector.Tests.Outbox;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly RetrySchedule _schedule = new(5, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 30)]
    public void Ceiling_DoublesPerAttempt_UpToTheCap(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), _schedule.Ceiling(attempts));

    [Fact]
    public void Next_FullJitter_BetweenZeroAndTheCeiling()
    {
        Assert.Equal(Now, _schedule.Next(3, Now, null, 0));
        Assert.Equal(Now.AddSeconds(10), _schedule.Next(3, Now, null, 0.5));
        Assert.True(_schedule.Next(3, Now, null, 0.999999) <= Now.AddSeconds(20));
    }

    [Fact]
    public void Next_RetryAfterLongerThanTheJitter_IsHonoured() =>
        Assert.Equal(Now.AddSeconds(120), _schedule.Next(1, Now, TimeSpan.FromSeconds(120), 0.5));

    [Fact]
    public void Next_AttemptsUsedUp_ReturnsNull() => Assert.Null(_schedule.Next(5, Now, null, 0.5));
}
