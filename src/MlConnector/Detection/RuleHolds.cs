using MlConnector.Alerts;
using MlConnector.Rules;

namespace MlConnector.Detection;

/// <summary>What releasing or discarding a rule's hold came to: the alerts it moved, or why it moved none.</summary>
public enum HoldOutcome
{
    /// <summary>The held alerts were released (queued) or discarded.</summary>
    Done,

    /// <summary>No rule of that id is configured.</summary>
    NoSuchRule,

    /// <summary>The rule has no hold.</summary>
    NothingHeld,
}

/// <summary>The operator's end of a held poll, for the API, the dashboard and the CLI alike: release every held alert
/// of a rule (they are sent once each) or discard them (none is sent), with a reason, audited per alert.</summary>
public sealed class RuleHolds(RuleSet rules, AlertHolds holds, TimeProvider time, ILogger<RuleHolds> logger)
{
    public Task<(HoldOutcome Outcome, int Alerts)> ReleaseAsync(string ruleId, string actor, string reason, CancellationToken ct) =>
        EndAsync(ruleId, actor, reason, release: true, ct);

    public Task<(HoldOutcome Outcome, int Alerts)> DiscardAsync(string ruleId, string actor, string reason, CancellationToken ct) =>
        EndAsync(ruleId, actor, reason, release: false, ct);

    private async Task<(HoldOutcome, int)> EndAsync(string ruleId, string actor, string reason, bool release, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (rules.Find(ruleId) is not { } rule)
        {
            return (HoldOutcome.NoSuchRule, 0);
        }

        var now = time.GetUtcNow();
        var count = release
            ? await holds.ReleaseAsync(rule.Company, rule.Id, actor, reason.Trim(), now, ct)
            : await holds.DiscardAsync(rule.Company, rule.Id, actor, reason.Trim(), now, ct);
        if (count == 0)
        {
            return (HoldOutcome.NothingHeld, 0);
        }

        logger.HoldEnded(rule.Id, count, release ? "released" : "discarded", actor);
        return (HoldOutcome.Done, count);
    }
}
