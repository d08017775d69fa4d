using Microsoft.Extensions.Time.Testing;
using MlConnector.Outbox;
using MlConnector.Simulators.Twilio;

namespace MlConnector.Testing;

/// <summary>
/// Lets the connector's dispatcher send on a fake clock shared with the Twilio simulator: whenever the dispatcher waits
/// only on the clock, the clock moves a step and the simulator posts its due status callbacks. Progress is read from
/// the dispatcher's and the simulator's own state, never from the wall clock (the 20 s bounds only stop a hung test).
/// With several instances on one store, the clock moves only when every one of them is idle.
/// </summary>
public sealed class DispatchDriver(FakeTimeProvider time, IReadOnlyList<DispatcherActivity> activities, TwilioSimulator twilio)
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    public DispatchDriver(FakeTimeProvider time, DispatcherActivity activity, TwilioSimulator twilio)
        : this(time, [activity], twilio)
    {
    }

    /// <summary>Steps until <paramref name="done"/> or <paramref name="maxSteps"/> steps; true when done.</summary>
    public async Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan step, int maxSteps)
    {
        ArgumentNullException.ThrowIfNull(done);
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < maxSteps; i++)
        {
            if (await done())
            {
                return true;
            }

            foreach (var activity in activities)
            {
                await activity.WhenIdleAsync(ct).WaitAsync(HangLimit, ct);
            }

            time.Advance(step);
            await twilio.FlushCallbacksAsync(ct).WaitAsync(HangLimit, ct);
        }

        return await done();
    }
}
