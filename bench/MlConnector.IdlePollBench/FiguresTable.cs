using System.Globalization;
using System.Text;

namespace MlConnector.IdlePollBench;

/// <summary>The figures as the markdown table bench/README.md records.</summary>
internal static class FiguresTable
{
    public static string Render(IEnumerable<RuleFigures> figures)
    {
        var table = new StringBuilder()
            .AppendLine("| POs | Transport | Detection | Rule | Working set | Baseline: requests / rows | Idle poll: requests / rows | 10 changes: requests / rows (alerts) | Idle / 10-change poll time |")
            .AppendLine("| ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var f in figures)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {f.Orders:N0} | {f.Transport} | {f.Detection} | {f.Rule} | {f.WorkingSet:N0} | {Cost(f.Baseline)} | {Cost(f.Idle)} | "
                + $"{Cost(f.Changed)} ({f.Changed.Alerts}) | {f.Idle.Elapsed.TotalMilliseconds:N0} / {f.Changed.Elapsed.TotalMilliseconds:N0} ms |");
        }

        return table.ToString();
    }

    /// <summary>What each poll asked for, per entity set or business object (requests/rows).</summary>
    public static string Details(IEnumerable<RuleFigures> figures)
    {
        var details = new StringBuilder();
        foreach (var f in figures)
        {
            details.AppendLine(CultureInfo.InvariantCulture,
                $"- {f.Orders:N0} POs, {f.Transport}, {f.Detection}, {f.Rule}: baseline: {f.Baseline.ByTarget}; idle: {f.Idle.ByTarget}; "
                + $"10 changes: {f.Changed.ByTarget}");
        }

        return details.ToString();
    }

    private static string Cost(PollCost cost) => string.Create(CultureInfo.InvariantCulture, $"{cost.Requests:N0} / {cost.Rows:N0}");
}
