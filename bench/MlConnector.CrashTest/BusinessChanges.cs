using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.CrashTest;

/// <summary>
/// Makes the business events through the SYSPRO simulator's control API: a random order in status 0 is submitted,
/// or one in status 1 approved. Every order is changed at most once, so each change is exactly one expected text.
/// </summary>
internal sealed class BusinessChanges(SysproControl syspro, ExpectedTexts expected, Random random)
{
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    public int Made { get; private set; }

    public async Task MakeOneAsync(CancellationToken ct)
    {
        var submit = random.Next(2) == 0;
        var (status, action, rule) = submit ? ("0", "submit", "po-submitted") : ("1", "approve", "po-approved");
        var candidates = (await syspro.PurchaseOrdersAsync(status, 500, ct))
            .Select(o => o["purchaseOrder"]?.GetValue<string>())
            .OfType<string>()
            .Where(o => !_touched.Contains(o))
            .ToList();
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException($"No untouched purchase order in status {status} is left; seed more orders (--purchase-orders).");
        }

        var order = candidates[random.Next(candidates.Count)];
        _touched.Add(order);
        await syspro.ChangeAsync(order, action, ct);
        expected.Add(rule, order);
        Made++;
    }
}
