using MlConnector.PeerComparison.Phases;
using MlConnector.PeerComparison.Processes;
using MlConnector.PeerComparison.Report;
using MlConnector.PeerComparison.Setup;
using MlConnector.PeerComparison.Sides;
using MlConnector.Bench.Harness.Setup;
using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.PeerComparison;

/// <summary>
/// One run: both sides on their own simulator pairs, the phases in order (idle, latency, send rate at 10/s, then
/// both restarted with a 50/s limit, then the size step), each figure recorded as soon as it is known. A failed
/// phase is noted and the run goes on; at the time cap the run stops and reports what it has.
/// </summary>
internal sealed class Comparison(Workspace workspace, ComparisonPlan plan)
{
    public async Task<Figures> RunAsync(CancellationToken ct)
    {
        var figures = new Figures(plan) { StartedAt = Clock.Now, Machine = await MachineInfo.DescribeAsync() };
        figures.LoadAverages.Add(MachineInfo.LoadAverage("at start"));
        var folder = workspace.NewRunFolder(plan.Mode, figures.StartedAt);
        Console.WriteLine($"Run folder (settings, data, logs): {folder}");
        using var capped = CancellationTokenSource.CreateLinkedTokenSource(ct);
        capped.CancelAfter(plan.TimeCap);
        try
        {
            var size = plan.RunsMainStep ? plan.PurchaseOrders : plan.LargePurchaseOrders!.Value;
            Console.WriteLine($"Starting two SYSPRO simulators ({size:N0} POs, seed 1) and two Twilio simulators ...");
            var starting = new[]
            {
                SimulatorPair.StartAsync(workspace, "connector-side", folder, size, 10, capped.Token),
                SimulatorPair.StartAsync(workspace, "flow-side", folder, size, 10, capped.Token),
            };
            try
            {
                await Task.WhenAll(starting);
            }
            catch
            {
                foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
                {
                    await started.Result.DisposeAsync();
                }

                throw;
            }

            await using var connectorSimulators = starting[0].Result;
            await using var flowSimulators = starting[1].Result;
            if (plan.RunsMainStep)
            {
                await MainStepAsync(folder, connectorSimulators, flowSimulators, figures, capped.Token);
            }

            await Task.WhenAll(
                connectorSimulators.Twilio.SaveAsync(Path.Combine(folder, "logs", "connector-side-twilio"), capped.Token),
                flowSimulators.Twilio.SaveAsync(Path.Combine(folder, "logs", "flow-side-twilio"), capped.Token));
            if (plan.LargePurchaseOrders is { } large)
            {
                await Step(figures, $"{large:N0}-PO step", async () =>
                {
                    if (plan.RunsMainStep)
                    {
                        Console.WriteLine($"Reseeding both SYSPRO simulators with {large:N0} POs ...");
                        await Task.WhenAll(
                            connectorSimulators.RestartSysproAsync(workspace, "connector-side", folder, large, capped.Token),
                            flowSimulators.RestartSysproAsync(workspace, "flow-side", folder, large, capped.Token));
                    }

                    await SizeStep.RunAsync(workspace, Path.Combine(folder, "large"), connectorSimulators, flowSimulators, large, figures, capped.Token);
                }, capped.Token);
            }
        }
        catch (OperationCanceledException) when (capped.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            figures.Notes.Add($"The run reached its time cap of {plan.TimeCap.TotalMinutes:0} min; later figures were not measured.");
        }

        figures.Duration = Clock.Now - figures.StartedAt;
        figures.LoadAverages.Add(MachineInfo.LoadAverage("at the end"));
        return figures;
    }

    private async Task MainStepAsync(string folder, SimulatorPair connectorSimulators, SimulatorPair flowSimulators, Figures figures,
        CancellationToken ct)
    {
        Console.WriteLine("Starting ml-connector and Node-RED (5 rules, 10 texts/s) ...");
        var peers = await StartPeersAsync(folder, connectorSimulators, flowSimulators, 10, ct);
        try
        {
            await Task.WhenAll(peers.Select(p => p.WaitForBaselineAsync(TimeSpan.FromMinutes(5), ct)));
            if (plan.MeasuresIdle)
            {
                // Two more cadences, so the idle window starts with both sides in their steady state.
                await Clock.DelayAsync(TimeSpan.FromSeconds(plan.CadenceSeconds * 2), ct);
                figures.LoadAverages.Add(MachineInfo.LoadAverage("idle window starts"));
                await Step(figures, "idle", () => IdlePhase.RunAsync(peers, figures, ct), ct);
                foreach (var peer in peers)
                {
                    figures.For(peer).Poll = await peer.PollTimesAsync(ct);
                }

                await Step(figures, "latency", () => LatencyPhase.RunAsync(peers, figures, ct), ct);
            }

            await Step(figures, "send rate 10/s", async () =>
            {
                foreach (var (peer, result) in await SendRatePhase.RunAsync(peers, 10, figures, ct))
                {
                    figures.For(peer).Send10 = result;
                }
            }, ct);
            RecordPeaks(peers, figures);
        }
        finally
        {
            await Task.WhenAll(peers.Select(p => p.DisposeAsync().AsTask()));
        }

        await Step(figures, "send rate 50/s", async () =>
        {
            Console.WriteLine("Restarting both sides with a 50 texts/s limit ...");
            var fast = await StartPeersAsync(folder, connectorSimulators, flowSimulators, 50, ct);
            try
            {
                await Task.WhenAll(fast.Select(p => p.WaitForBaselineAsync(TimeSpan.FromMinutes(5), ct)));
                foreach (var (peer, result) in await SendRatePhase.RunAsync(fast, 50, figures, ct))
                {
                    figures.For(peer).Send50 = result;
                }

                RecordPeaks(fast, figures);
            }
            finally
            {
                await Task.WhenAll(fast.Select(p => p.DisposeAsync().AsTask()));
            }
        }, ct);
    }

    private async Task<IReadOnlyList<IPeer>> StartPeersAsync(string folder, SimulatorPair connectorSimulators, SimulatorPair flowSimulators,
        int messagesPerSecond, CancellationToken ct)
    {
        var connector = await ConnectorPeer.StartAsync(workspace, Path.Combine(folder, "connector-side"), connectorSimulators,
            plan.CadenceSeconds, messagesPerSecond, ct);
        try
        {
            var flow = await FlowPeer.StartAsync(workspace, Path.Combine(folder, "flow-side"), flowSimulators, plan.CadenceSeconds, messagesPerSecond, ct);
            return [connector, flow];
        }
        catch
        {
            await connector.DisposeAsync();
            throw;
        }
    }

    /// <summary>The peak over the 12,000-PO run: the highest VmHWM of the processes that ran it.</summary>
    private static void RecordPeaks(IReadOnlyList<IPeer> peers, Figures figures)
    {
        foreach (var peer in peers.Where(p => !p.Process.HasExited))
        {
            var side = figures.For(peer);
            side.PeakRss = Math.Max(side.PeakRss ?? 0, ProcessMeter.PeakResidentBytes(peer.Process.Id));
        }
    }

    private static async Task Step(Figures figures, string name, Func<Task> step, CancellationToken ct)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is InvalidOperationException or TimeoutException or HttpRequestException
            or IOException or System.Text.Json.JsonException or KeyNotFoundException or OperationCanceledException)
        {
            Console.WriteLine($"  {name} failed: {e.Message}");
            figures.Notes.Add($"{name}: not measured: {e.Message.Split('\n')[0]}");
        }
    }
}
