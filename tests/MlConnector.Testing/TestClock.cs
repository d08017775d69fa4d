using Microsoft.Extensions.Time.Testing;

namespace MlConnector.Testing;

/// <summary>The fake clocks tests run on: moved by the test (<see cref="FakeTimeProvider.Advance"/>), never slept on.</summary>
public static class TestClock
{
    /// <summary>Where a fake clock starts unless a test needs another day: Monday 2 March 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider New() => new(Start);

    public static FakeTimeProvider At(DateTimeOffset start) => new(start);

    /// <summary>A fake clock that starts at the real time: for tests where another party (the CLI in its own process,
    /// a browser's cookies) runs on the real clock.</summary>
    public static FakeTimeProvider FromNow() => new(TimeProvider.System.GetUtcNow());
}
