using MlConnector.PeerComparison.Processes;
using MlConnector.Bench.Harness.Processes;
using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.PeerComparison.Sides;

/// <summary>How long a poll of the purchase-order working set took: the first (baseline) read and the re-polls.</summary>
internal sealed record PollTimes(TimeSpan? First, TimeSpan? Repoll, int Repolls, long Rows);

/// <summary>One side of the comparison: ml-connector or the Node-RED flow, with its own simulators.</summary>
internal interface IPeer : IAsyncDisposable
{
    string Name { get; }

    ManagedProcess Process { get; }

    SimulatorPair Simulators { get; }

    /// <summary>Waits until this process has read every working set once (the silent baseline).</summary>
    Task WaitForBaselineAsync(TimeSpan timeout, CancellationToken ct);

    /// <summary>The purchase-order set's poll durations so far, from the side's own records (first and median re-poll).</summary>
    Task<PollTimes> PollTimesAsync(CancellationToken ct);
}
