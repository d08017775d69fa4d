using MlConnector.PeerComparison.Report;
using MlConnector.PeerComparison.Sides;

namespace MlConnector.PeerComparison.Phases;

/// <summary>
/// PO changes one at a time, made on both sides' SYSPRO simulators at once (submit 0 to 1, approve 1 to 4, cancel
/// 4 to *, in turn), 1.5 to 4.5 s apart at random so they fall anywhere in the poll cycle. A change's time is when
/// its simulator answered the control call (the change is made before the answer); its text's time is the Twilio
/// simulator's own <c>receivedAt</c> of the accepted create. Both are this machine's clock.
/// </summary>
internal static class LatencyPhase
{
    private static readonly (string Action, string Status, string Phrase)[] Kinds =
    [
        ("submit", "0", "awaits your approval"),
        ("approve", "1", "approved:"),
        ("cancel", "4", "was cancelled"),
    ];

    public static async Task RunAsync(IReadOnlyList<IPeer> peers, Figures figures, CancellationToken ct)
    {
        var plan = figures.Plan;
        var pools = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        foreach (var kind in Kinds)
        {
            var orders = await peers[0].Simulators.Syspro.PurchaseOrdersAsync(kind.Status, plan.Changes, ct);
            pools[kind.Action] = new Queue<string>(orders.Select(o => (string)o["purchaseOrder"]!));
        }

#pragma warning disable CA5394 // Spacing of test changes, not security.
        var random = new Random(15);
        var changes = new List<Change>();
        Console.WriteLine($"Latency: {plan.Changes} PO changes on both sides, 1.5-4.5 s apart.");
        for (var i = 0; changes.Count < plan.Changes; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            if (!pools[kind.Action].TryDequeue(out var po))
            {
                if (pools.Values.All(q => q.Count == 0))
                {
                    figures.Notes.Add($"Latency: only {changes.Count} POs were available to change.");
                    break;
                }

                continue;
            }

            var change = new Change(po, kind.Phrase);
            await Task.WhenAll(peers.Select(async peer =>
            {
                await peer.Simulators.Syspro.ChangeAsync(po, kind.Action, ct);
                lock (change.At)
                {
                    change.At[peer] = Clock.Now;
                }
            }));
            changes.Add(change);
            await Clock.DelayAsync(TimeSpan.FromSeconds(1.5 + (random.NextDouble() * 3)), ct);
        }
#pragma warning restore CA5394

        var deadline = Clock.Now + TimeSpan.FromSeconds((plan.CadenceSeconds * 3) + 60);
        var latencies = peers.ToDictionary(p => p, _ => new Dictionary<Change, TimeSpan>());
        while (true)
        {
            foreach (var peer in peers)
            {
                var messages = await peer.Simulators.Twilio.MessagesAsync(ct);
                foreach (var change in changes.Where(c => !latencies[peer].ContainsKey(c)))
                {
                    var text = messages.FirstOrDefault(m => m.ReceivedAt >= change.At[peer] && m.Body is { } body
                        && body.Contains($"PO {change.PurchaseOrder} ", StringComparison.Ordinal)
                        && body.Contains(change.Phrase, StringComparison.Ordinal));
                    if (text is not null)
                    {
                        latencies[peer][change] = text.ReceivedAt - change.At[peer];
                    }
                }
            }

            if (latencies.Values.All(l => l.Count == changes.Count) || Clock.Now > deadline)
            {
                break;
            }

            await Clock.DelayAsync(TimeSpan.FromSeconds(1), ct);
        }

        foreach (var peer in peers)
        {
            var values = latencies[peer].Values.ToList();
            if (values.Count == 0)
            {
                figures.Notes.Add($"Latency: no text of {peer.Name} arrived.");
                continue;
            }

            var result = new LatencyFigures(values.Count, changes.Count - values.Count, values.Min(), Stats.Median(values),
                Stats.Percentile(values, 95), values.Max());
            figures.For(peer).Latency = result;
            Console.WriteLine($"  {peer.Name}: {result.Count} texts, median {result.Median.TotalSeconds:0.00} s, p95 {result.P95.TotalSeconds:0.00} s, {result.Missing} missing.");
        }
    }

    private sealed class Change(string purchaseOrder, string phrase)
    {
        public string PurchaseOrder { get; } = purchaseOrder;

        public string Phrase { get; } = phrase;

        public Dictionary<IPeer, DateTimeOffset> At { get; } = [];
    }
}
