using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Security;

namespace MlConnector.IntegrationTests.Security;

/// <summary>Runs a data-key rotation on a fake clock: at each wait it reports (for running instances, or for writes to
/// settle), the test does what the other instances do meanwhile, then moves the clock past the wait. No wall-clock
/// sleeping; the bound only stops a hung test.</summary>
internal static class RotationDriver
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    public static async Task<(RotationReport Report, IReadOnlyList<RotationProgress> Waits)> RunAsync(KeyRotation rotation,
        FakeTimeProvider clock, Func<RotationProgress, Task>? meanwhile = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var waits = Channel.CreateUnbounded<RotationProgress>();
        var seen = new List<RotationProgress>();
        var rotating = rotation.RotateAsync(new Reports(p =>
        {
            if (p is RotationProgress.Waiting or RotationProgress.Settling)
            {
                waits.Writer.TryWrite(p);
            }
        }), ct);
        var next = waits.Reader.ReadAsync(ct).AsTask();
        while (await Task.WhenAny(rotating, next).WaitAsync(HangLimit, ct) == next)
        {
            var wait = await next;
            seen.Add(wait);
            if (meanwhile is not null)
            {
                await meanwhile(wait);
            }

            clock.Advance(wait is RotationProgress.Waiting w ? w.For : ((RotationProgress.Settling)wait).For);
            next = waits.Reader.ReadAsync(ct).AsTask();
        }

        return (await rotating, seen);
    }

    private sealed class Reports(Action<RotationProgress> report) : IProgress<RotationProgress>
    {
        public void Report(RotationProgress value) => report(value);
    }
}
