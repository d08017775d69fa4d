using MlConnector.PeerComparison.Report;
using MlConnector.PeerComparison.Sides;

namespace MlConnector.PeerComparison.Phases;

/// <summary>
/// A burst of texts at a send limit: new POs are entered (status 0, no text), then all of them are submitted while
/// both SYSPRO simulators refuse reads, so each side's next poll finds every change at once; then the Twilio
/// simulators' own timestamps give (N - 1) / (last create - first create), and their request logs the 429s the side
/// caused itself (no fault is injected). Both Twilio simulators enforce the same limit the sides are given.
/// </summary>
internal static class SendRatePhase
{
    private const string Phrase = "awaits your approval";

    public static async Task<IReadOnlyDictionary<IPeer, SendRateFigures>> RunAsync(IReadOnlyList<IPeer> peers, int limit, Figures figures,
        CancellationToken ct)
    {
        var plan = figures.Plan;
        Console.WriteLine($"Send rate at {limit}/s: entering {plan.Alerts} POs on both sides ...");
        await Task.WhenAll(peers.Select(p => p.Simulators.Twilio.SetRateAsync(limit, ct)));
        var sample = (await peers[0].Simulators.Syspro.PurchaseOrdersAsync("4", 1, ct))[0];
        var (supplier, buyer) = ((string)sample["supplier"]!, (string)sample["buyer"]!);
        var created = await Task.WhenAll(peers.Select(async peer =>
        {
            var numbers = new List<string>(plan.Alerts);
            for (var i = 0; i < plan.Alerts; i++)
            {
                numbers.Add(await peer.Simulators.Syspro.CreatePurchaseOrderAsync(supplier, buyer, ct));
            }

            return numbers;
        }));
        if (!created[0].SequenceEqual(created[^1]))
        {
            figures.Notes.Add($"Send rate {limit}/s: the two SYSPRO simulators numbered the new POs differently.");
        }

        // Let both sides see the new orders in status 0 (no rule fires on 0).
        await Clock.DelayAsync(TimeSpan.FromSeconds((plan.CadenceSeconds * 2) + 2), ct);

        Console.WriteLine($"  submitting {plan.Alerts} POs behind a SYSPRO read fault window ...");
        await Task.WhenAll(peers.Select(p => p.Simulators.Syspro.FailReadsForAsync(TimeSpan.FromMinutes(10), ct)));
        var start = Clock.Now;
        await Task.WhenAll(peers.Select((peer, i) => Parallel.ForEachAsync(created[i],
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            (po, token) => new ValueTask(peer.Simulators.Syspro.ChangeAsync(po, "submit", token)))));
        await Task.WhenAll(peers.Select(p => p.Simulators.Syspro.ClearFaultsAsync(ct)));

        var wanted = peers.Select((p, i) => (p, Numbers: created[i].ToHashSet(StringComparer.Ordinal))).ToDictionary(x => x.p, x => x.Numbers);
        // Detecting and wording 1,000 texts (a SYSPRO lookup each) takes minutes on a busy machine before the first
        // send, so the wait ends when every text arrived, when both sides have sent and then stalled for two
        // minutes, or at a hard cap well beyond the time the sends themselves need.
        var hardCap = Clock.Now + TimeSpan.FromSeconds((plan.Alerts * 3.0 / limit) + 600);
        var lastProgress = Clock.Now;
        var received = peers.ToDictionary(p => p, _ => (IReadOnlyList<DateTimeOffset>)[]);
        while (true)
        {
            foreach (var peer in peers)
            {
                var messages = await peer.Simulators.Twilio.MessagesAsync(ct);
                IReadOnlyList<DateTimeOffset> texts = [.. messages.Where(m => m.ReceivedAt >= start && m.Body is { } body
                        && body.Contains(Phrase, StringComparison.Ordinal) && wanted[peer].Contains(Number(body)))
                    .Select(m => m.ReceivedAt)];
                if (texts.Count > received[peer].Count)
                {
                    lastProgress = Clock.Now;
                }

                received[peer] = texts;
            }

            var stalled = received.Values.All(r => r.Count > 0) && Clock.Now - lastProgress > TimeSpan.FromMinutes(2);
            if (received.Values.All(r => r.Count >= plan.Alerts) || stalled || Clock.Now > hardCap)
            {
                break;
            }

            await Clock.DelayAsync(TimeSpan.FromSeconds(2), ct);
        }

        var results = new Dictionary<IPeer, SendRateFigures>();
        foreach (var peer in peers)
        {
            var requests = await peer.Simulators.Twilio.RequestsAsync(ct);
            var tooMany = requests.Count(r => r.ReceivedAt >= start && r.HttpStatus == 429);
            var times = received[peer];
            var result = new SendRateFigures(limit, plan.Alerts, times.Count, Stats.Rate(times), tooMany, plan.Alerts - times.Count);
            results[peer] = result;
            Console.WriteLine($"  {peer.Name}: {result.Received}/{result.Expected} texts, {result.PerSecond:0.00}/s, {result.TooManyRequests} x 429.");
        }

        return results;
    }

    /// <summary>The PO number of a text "PO 000000000123456 awaits ...".</summary>
    private static string Number(string body)
    {
        var start = body.IndexOf("PO ", StringComparison.Ordinal) + 3;
        var end = body.IndexOf(' ', start);
        return end > start ? body[start..end] : "";
    }
}
