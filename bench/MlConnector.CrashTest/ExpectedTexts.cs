using System.Text.RegularExpressions;
using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.CrashTest;

/// <summary>
/// The texts the run must produce, computed from the changes the run itself made (never from the connector's alerts
/// table): each purchase order is changed once, either submitted (0 to 1: one po-submitted text) or approved (1 to 4:
/// one po-approved text), to the one recipient. Received texts are matched by the PO number their body names.
/// </summary>
internal sealed partial class ExpectedTexts
{
    private readonly HashSet<(string Rule, string Order)> _expected = [];

    public int Count => _expected.Count;

    public void Add(string rule, string purchaseOrder) => _expected.Add((rule, Normalise(purchaseOrder)));

    public CrashTally Tally(IEnumerable<CreateSeen> accepted)
    {
        var received = new Dictionary<(string, string), int>();
        var unreadable = 0;
        foreach (var text in accepted)
        {
            if (text.Body is null || PoText().Match(text.Body) is not { Success: true } match)
            {
                unreadable++;
                continue;
            }

            var key = (match.Groups["verb"].Value == "awaits" ? "po-submitted" : "po-approved", Normalise(match.Groups["po"].Value));
            received[key] = received.GetValueOrDefault(key) + 1;
        }

        var lost = _expected.Count(e => !received.ContainsKey(e));
        var duplicated = received.Where(r => _expected.Contains(r.Key)).Sum(r => r.Value - 1);
        var unexpected = received.Where(r => !_expected.Contains(r.Key)).Sum(r => r.Value) + unreadable;
        return new CrashTally(_expected.Count, received.Values.Sum() + unreadable, lost, duplicated, unexpected);
    }

    /// <summary>SYSPRO keys are padded strings; texts show them without leading spaces. Zeros are dropped on both
    /// sides too, so a simulator answering '000123' and a text saying 123 still match.</summary>
    private static string Normalise(string purchaseOrder) => purchaseOrder.Trim().TrimStart('0');

    [GeneratedRegex(@"^PO (?<po>\S+) (?<verb>awaits|approved)")]
    private static partial Regex PoText();
}

/// <summary>The run's outcome in texts: expected, received, and how they differ.</summary>
internal sealed record CrashTally(int Expected, int Received, int Lost, int Duplicated, int Unexpected);
