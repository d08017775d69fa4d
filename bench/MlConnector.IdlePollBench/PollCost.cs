using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.IdlePollBench;

/// <summary>What one poll of one rule cost SYSPRO: the simulator's counts between a reset and the poll's end (both
/// transports; an e.net poll's Logon included), the rows the poll says it read, the alerts it enqueued, wall time.</summary>
internal sealed record PollCost(int Requests, int Rows, int RowsRead, int Alerts, TimeSpan Elapsed, string ByTarget)
{
    public static PollCost From(SysproRequestCounts counts, int rowsRead, int alerts, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var targets = counts.OData.ByTarget.Concat(counts.Enet.ByTarget)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key} {t.Value.Requests}/{t.Value.Rows:N0}");
        return new PollCost(counts.OData.Requests + counts.Enet.Requests, counts.OData.Rows + counts.Enet.Rows,
            rowsRead, alerts, elapsed, string.Join(", ", targets));
    }
}

/// <summary>One rule's baseline, idle and 10-change polls in one run.</summary>
internal sealed record RuleFigures(int Orders, string Transport, string Detection, string Rule, int WorkingSet,
    PollCost Baseline, PollCost Idle, PollCost Changed);
