using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Detection;

namespace MlConnector.Tests.Detection;

/// <summary>When a rule's polling loop polls, on a fake clock. The loop runs on the thread pool; each test waits for the
/// loop's polls (the 10 s bound only stops a hung test) and moves the clock once a poll has ended.</summary>
public sealed class CadenceLoopTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ClockMovesTheMomentEachPollEnds_EveryBeatIsStillPolled()
    {
        // The clock moves a whole cadence right after each poll, before the loop has done anything else (a test moving
        // a fake clock as soon as it sees the poll done, or a scheduler thread descheduled at that moment).
        var clock = new ClockThatMovesOnNextUse(TestClock.New());
        var start = clock.GetUtcNow();
        await using var loop = new RunningLoop(new CadenceLoop(Minute, Minute, clock), clock.Fake, (poll, _) =>
        {
            if (poll < 5)
            {
                clock.MoveOnNextUse(Minute);
            }

            return false;
        });

        for (var beat = 0; beat < 5; beat++)
        {
            Assert.Equal(start + (beat * Minute), await loop.NextPollAsync());
        }
    }

    [Fact]
    public async Task HeldRule_RetriedAfterRetryHeld_ThenPolledOnTheBeatsOfItsCadence()
    {
        var clock = TestClock.New();
        var start = clock.GetUtcNow();
        // Another instance holds the rule for the first two polls; the third takes it over.
        await using var loop = new RunningLoop(new CadenceLoop(5 * Minute, Minute, clock), clock, (poll, _) => poll < 3);

        Assert.Equal(start, await loop.NextPollAsync());
        clock.Advance(Minute);
        Assert.Equal(start + Minute, await loop.NextPollAsync());
        clock.Advance(Minute);
        Assert.Equal(start + (2 * Minute), await loop.NextPollAsync());
        clock.Advance(3 * Minute);
        Assert.Equal(start + (5 * Minute), await loop.NextPollAsync());
        clock.Advance(5 * Minute);
        Assert.Equal(start + (10 * Minute), await loop.NextPollAsync());
    }

    [Fact]
    public async Task PollOverrunsABeat_ThatBeatIsSkipped_TheNextOneKept()
    {
        var clock = TestClock.New();
        var start = clock.GetUtcNow();
        // The second poll takes a minute and a half.
        await using var loop = new RunningLoop(new CadenceLoop(Minute, Minute, clock), clock, (poll, _) =>
        {
            if (poll == 2)
            {
                clock.Advance(TimeSpan.FromSeconds(90));
            }

            return false;
        });

        Assert.Equal(start, await loop.NextPollAsync());
        clock.Advance(Minute);
        Assert.Equal(start + Minute, await loop.NextPollAsync());
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(start + (3 * Minute), await loop.NextPollAsync());
    }

    /// <summary>A loop running on the thread pool; each poll reports the clock's time and answers "held?" by the
    /// script (given the poll's number, from 1).</summary>
    private sealed class RunningLoop : IAsyncDisposable
    {
        private readonly Channel<DateTimeOffset> _polls = Channel.CreateUnbounded<DateTimeOffset>();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;

        public RunningLoop(CadenceLoop loop, FakeTimeProvider clock, Func<int, DateTimeOffset, bool> held)
        {
            var count = 0;
            _running = Task.Run(() => loop.RunAsync(_ =>
            {
                var now = clock.GetUtcNow();
                var answer = held(++count, now);
                _polls.Writer.TryWrite(now);
                return Task.FromResult(answer);
            }, _stop.Token));
        }

        public async Task<DateTimeOffset> NextPollAsync()
        {
            var ct = TestContext.Current.CancellationToken;
            try
            {
                return await _polls.Reader.ReadAsync(ct).AsTask().WaitAsync(HangLimit, ct);
            }
            catch (TimeoutException)
            {
                Assert.Fail("the loop did not poll when the clock reached its next poll");
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _running);
            _stop.Dispose();
        }
    }

    /// <summary>A fake clock that moves a step the next time anyone reads it (after handing out the time from before
    /// the step) or arms a timer on it (before arming it).</summary>
    private sealed class ClockThatMovesOnNextUse(FakeTimeProvider fake) : TimeProvider
    {
        private long _pendingTicks;

        public FakeTimeProvider Fake => fake;

        public void MoveOnNextUse(TimeSpan step) => Interlocked.Exchange(ref _pendingTicks, step.Ticks);

        public override DateTimeOffset GetUtcNow()
        {
            var now = fake.GetUtcNow();
            MovePending();
            return now;
        }

        public override long GetTimestamp()
        {
            var now = fake.GetTimestamp();
            MovePending();
            return now;
        }

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            MovePending();
            return fake.CreateTimer(callback, state, dueTime, period);
        }

        private void MovePending()
        {
            if (Interlocked.Exchange(ref _pendingTicks, 0) is var ticks and > 0)
            {
                fake.Advance(TimeSpan.FromTicks(ticks));
            }
        }
    }
}
