using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.CrashTest;

/// <summary>
/// Makes the business events through the SYSPRO simulator's control API: a random order in status 0 is submitted,
/// or one in status 1 (or, once none is left, in status 0) approved. Every order is changed at most once, so each change is exactly one expected text.
/// </summary>
internal sealed class BusinessChanges(SysproControl syspro, ExpectedTexts expected, Random random)
{
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    public int Made { get; private set; }

    public async Task MakeOneAsync(CancellationToken ct)
    {
        var submit = random.Next(2) == 0;
        var (action, rule) = submit ? ("submit", "po-submitted") : ("approve", "po-approved");
        var candidates = await UntouchedAsync(submit ? "0" : "1", ct);
        if (candidates.Count == 0 && !submit)
        {
            // Few orders wait in status 1, and a long run uses them up: an order still in 0 approved goes to 4 at once,
            // which is one po-approved text as well (and no po-submitted text).
            candidates = await UntouchedAsync("0", ct);
        }

        if (candidates.Count == 0)
        {
            throw new InvalidOperationException("No untouched purchase order in status 0 or 1 is left to change: this run makes more changes than the SYSPRO simulator's seed has such orders (about 1,200; fewer --kills or --changes-per-kill).");
        }

        var order = candidates[random.Next(candidates.Count)];
        _touched.Add(order);
        await syspro.ChangeAsync(order, action, ct);
        expected.Add(rule, order);
        Made++;
    }

    // Asks for 500 more orders than it has touched: touched orders stay in the lists (an order this run submitted waits
    // in 1 for good), so a fixed 500 came back all touched after about 570 changes and the 100-kill run stopped at 70.
    private async Task<List<string>> UntouchedAsync(string status, CancellationToken ct) =>
        (await syspro.PurchaseOrdersAsync(status, 500 + _touched.Count, ct))
            .Select(o => o["purchaseOrder"]?.GetValue<string>())
            .OfType<string>()
            .Where(o => !_touched.Contains(o))
            .ToList();
}
