using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Scheduling;

namespace MlConnector.Tests.Scheduling;

/// <summary>The rounds loop of the background services, on a fake clock (the 10 s bound only stops a hung test).</summary>
public sealed class RoundsTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AFailedRound_IsReported_AndTheNextRoundComesOnTime_UntilTheServiceStops()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();
        var rounds = Channel.CreateUnbounded<DateTimeOffset>();
        var failures = new List<Exception>();
        using var stopping = new CancellationTokenSource();
        var loop = Rounds.RunAsync(Every, time, _ =>
        {
            var first = rounds.Reader.Count == 0 && failures.Count == 0;
            rounds.Writer.TryWrite(time.GetUtcNow());
            return first ? throw new InvalidOperationException("database is locked") : Task.CompletedTask;
        }, failures.Add, stopping.Token, firstAtOnce: true);

        Assert.Equal(start, await NextAsync(rounds));
        Assert.Equal("database is locked", Assert.Single(failures).Message);
        time.Advance(Every);
        Assert.Equal(start + Every, await NextAsync(rounds));
        time.Advance(Every);
        Assert.Equal(start + (2 * Every), await NextAsync(rounds));

        await stopping.CancelAsync();
        await loop.WaitAsync(HangLimit, TestContext.Current.CancellationToken); // ends quietly
        Assert.Single(failures);
    }

    [Fact]
    public async Task WithoutFirstAtOnce_TheFirstRoundWaitsOneInterval()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();
        var rounds = Channel.CreateUnbounded<DateTimeOffset>();
        using var stopping = new CancellationTokenSource();
        var loop = Rounds.RunAsync(Every, time, _ =>
        {
            rounds.Writer.TryWrite(time.GetUtcNow());
            return Task.CompletedTask;
        }, _ => { }, stopping.Token);

        Assert.False(rounds.Reader.TryRead(out _));
        time.Advance(Every);
        Assert.Equal(start + Every, await NextAsync(rounds));
        await stopping.CancelAsync();
        await loop.WaitAsync(HangLimit, TestContext.Current.CancellationToken);
    }

    private static async Task<DateTimeOffset> NextAsync(Channel<DateTimeOffset> rounds) =>
        await rounds.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(HangLimit, TestContext.Current.CancellationToken);
}
