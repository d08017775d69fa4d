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
            throw new InvalidOperationException("No untouched purchase order is left to change; seed more orders.");
        }

        var order = candidates[random.Next(candidates.Count)];
        _touched.Add(order);
        await syspro.ChangeAsync(order, action, ct);
        expected.Add(rule, order);
        Made++;
    }

    private async Task<List<string>> UntouchedAsync(string status, CancellationToken ct) =>
        (await syspro.PurchaseOrdersAsync(status, 500, ct))
            .Select(o => o["purchaseOrder"]?.GetValue<string>())
            .OfType<string>()
            .Where(o => !_touched.Contains(o))
            .ToList();
}
