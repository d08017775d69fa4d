using System.Data.Common;
using MlConnector.Alerts;
using MlConnector.Rules;

namespace MlConnector.Detection;

/// <summary>
/// Whether a poll's alerts go to the queue or to the rule's hold: more than <c>HoldAbove</c> alerts at once (a burst
/// that may come from a wrong SYSPRO answer), or any alert while the rule already has a hold, wait for an operator.
/// The poll still commits its state, so nothing it saw is detected twice.
/// </summary>
internal static class HoldPolicy
{
    /// <param name="queued">The alerts the poll would queue (texts that rendered).</param>
    public static async Task<HoldReason?> DecideAsync(DbConnection connection, DbTransaction transaction, RuleDefinition rule,
        int queued, CancellationToken ct)
    {
        if (queued == 0)
        {
            return null;
        }

        if (await AlertHolds.ExistsAsync(connection, transaction, rule.Company, rule.Id, ct))
        {
            return new HoldReason($"rule {rule.Id} has a hold; this poll's {queued} alert(s) joined it.");
        }

        return rule.HoldAbove > 0 && queued > rule.HoldAbove
            ? new HoldReason($"one poll of rule {rule.Id} would have queued {queued} alerts, more than Rules:{rule.Id}:HoldAbove ({rule.HoldAbove}).")
            : null;
    }
}
