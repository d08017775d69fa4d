using MlConnector.PeerComparison.Processes;
using MlConnector.PeerComparison.Report;
using MlConnector.PeerComparison.Sides;

namespace MlConnector.PeerComparison.Phases;

/// <summary>
/// Nothing changes in SYSPRO; both sides keep polling. RSS (VmRSS) is read when each process is
/// <see cref="ComparisonPlan.RssAt"/> old; CPU (utime + stime) is read at both ends of the idle window and scaled
/// to an hour (10 minutes times 6 in the full run).
/// </summary>
internal static class IdlePhase
{
    public static async Task RunAsync(IReadOnlyList<IPeer> peers, Figures figures, CancellationToken ct)
    {
        var plan = figures.Plan;
        var start = Clock.Now;
        var end = start + plan.IdleWindow;
        var cpuAtStart = peers.ToDictionary(p => p, p => ProcessMeter.CpuTime(p.Process.Id));
        Console.WriteLine($"Idle: {plan.IdleWindow} from {start:HH:mm:ss}; RSS when each process is {plan.RssAt} old.");
        foreach (var peer in peers.OrderBy(p => p.Process.StartedAt))
        {
            await Clock.UntilAsync(peer.Process.StartedAt + plan.RssAt, ct);
            figures.For(peer).IdleRss = ProcessMeter.ResidentBytes(peer.Process.Id);
        }

        await Clock.UntilAsync(end, ct);
        foreach (var peer in peers)
        {
            var used = ProcessMeter.CpuTime(peer.Process.Id) - cpuAtStart[peer];
            figures.For(peer).IdleCpuSecondsPerHour = used.TotalSeconds * plan.HourFactor;
            Console.WriteLine($"  {peer.Name}: RSS {Format.Megabytes(figures.For(peer).IdleRss)}, CPU {used.TotalSeconds:0.0} s in the window.");
        }
    }
}
