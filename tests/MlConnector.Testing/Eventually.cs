using System.Diagnostics;

namespace MlConnector.Testing;

/// <summary>
/// Waits for an effect another thread of the host makes on its own (a heartbeat's write after the fake clock moved, a
/// process's exit): checks every few milliseconds of real time, and fails naming <c>what</c> after a bound that only
/// stops a hung test. The fake clock never moves here.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = within ?? TimeSpan.FromSeconds(20);
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                Assert.Fail($"not {what} within {limit.TotalSeconds} s of real time");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TestContext.Current.CancellationToken);
        }
    }
}
