using MlConnector.PeerComparison.Processes;
using MlConnector.PeerComparison.Report;
using MlConnector.PeerComparison.Setup;
using MlConnector.PeerComparison.Sides;
using MlConnector.Bench.Harness.Setup;
using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.PeerComparison.Phases;

/// <summary>
/// A table size step (100,000 or 1,000,000 POs): fresh sides (new data folder, new flow context) on freshly seeded
/// SYSPRO simulators of that size; the first poll, then re-polls for a while; peak RSS is each process's VmHWM.
/// </summary>
internal static class SizeStep
{
    public static async Task RunAsync(Workspace workspace, string folder, SimulatorPair connectorSimulators, SimulatorPair flowSimulators,
        int purchaseOrders, Figures figures, CancellationToken ct)
    {
        var plan = figures.Plan;
        Console.WriteLine($"Size step: {purchaseOrders:N0} POs; baseline, then {plan.LargeObservation} of re-polls.");
        var peers = new List<IPeer>();
        try
        {
            peers.Add(await ConnectorPeer.StartAsync(workspace, Path.Combine(folder, "connector-side"), connectorSimulators,
                plan.CadenceSeconds, 10, ct));
            peers.Add(await FlowPeer.StartAsync(workspace, Path.Combine(folder, "flow-side"), flowSimulators, plan.CadenceSeconds, 10, ct));
            var baselineCap = TimeSpan.FromMinutes(Math.Max(5, purchaseOrders / 25_000));
            await Task.WhenAll(peers.Select(p => p.WaitForBaselineAsync(baselineCap, ct)));
            await Clock.DelayAsync(plan.LargeObservation, ct);
            foreach (var peer in peers)
            {
                var side = figures.For(peer);
                side.LargePeakRss = ProcessMeter.PeakResidentBytes(peer.Process.Id);
                side.LargePoll = await peer.PollTimesAsync(ct);
                Console.WriteLine($"  {peer.Name}: peak RSS {Format.Megabytes(side.LargePeakRss)}, first poll {Format.Milliseconds(side.LargePoll.First)}, " +
                    $"re-poll {Format.Milliseconds(side.LargePoll.Repoll)} ({side.LargePoll.Repolls} re-polls, {side.LargePoll.Rows:N0} rows).");
            }
        }
        finally
        {
            // A step cut short (time cap, failure) still has a peak to report.
            foreach (var peer in peers)
            {
                var side = figures.For(peer);
                if (side.LargePeakRss is null && !peer.Process.HasExited)
                {
                    side.LargePeakRss = ProcessMeter.PeakResidentBytes(peer.Process.Id);
                    side.LargePoll ??= await SafePollTimesAsync(peer);
                }

                await peer.DisposeAsync();
            }
        }
    }

    private static async Task<PollTimes?> SafePollTimesAsync(IPeer peer)
    {
        try
        {
            return await peer.PollTimesAsync(CancellationToken.None);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
