using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>What one poll read and what it detected in it.</summary>
public sealed record RuleRead(ReadPlan Plan, int RowsRead, DetectionResult Result);

/// <summary>
/// One poll's read of SYSPRO and its detection: the rows changed since the rule's rowversion, or its whole working set
/// (<see cref="RowVersionReads"/>). When SYSPRO refuses a read by the rowversion (a filter or order it will not take,
/// a value that is no rowversion) and then answers the same read without it, the rule reads its whole working set from
/// then on (said once); when it refuses both, the poll fails with the second answer, which says nothing of rowversions.
/// </summary>
public sealed class RuleReads(SysproSources sources, RowVersionReads rowVersions, RuleStateStore store)
{
    public async Task<RuleRead> ReadAsync(RuleDefinition rule, DateTimeOffset now, CancellationToken ct)
    {
        var header = await store.LoadHeaderAsync(rule, ct);
        var plan = rowVersions.Plan(rule, header, now);
        try
        {
            return await ReadAsync(rule, header, plan, now, ct);
        }
        catch (Exception e) when (plan.RowVersionColumn is { } column && IsRefusal(e, column) && !ct.IsCancellationRequested)
        {
            var read = await ReadAsync(rule, header, ReadPlan.WholeWorkingSet, now, ct);
            rowVersions.Refused(rule, column, e.Message);
            return read;
        }
    }

    private async Task<RuleRead> ReadAsync(RuleDefinition rule, RuleState header, ReadPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        var query = RulePoller.QueryFor(rule, header, now, plan);
        if (plan.ChangesOnly)
        {
            // The rows changed since the last poll (few, most polls none) are read first, then only their records loaded.
            var rows = new List<SourceRow>();
            await foreach (var row in sources.For(rule).ReadAsync(query, ct))
            {
                rows.Add(row);
            }

            // Nothing changed (most polls): no record to load, and nothing to judge against what the rule remembers.
            var keys = rows.Select(r => r.KeyOf(rule.KeyColumns)).ToHashSet(StringComparer.Ordinal);
            var some = keys.Count == 0 ? header with { RememberedCount = 0 } : await store.WithRecordsAsync(header, rule, keys, ct);
            return new RuleRead(plan, rows.Count, ChangeDetector.Detect(rule, some, rows, now, plan));
        }

        // Each row is detected as its page arrives and then let go: the poll keeps what the rows change, not the rows.
        var state = await store.WithSnapshotAsync(header, rule, ct);
        var detection = new ChangeDetection(rule, state, now, plan);
        await foreach (var row in sources.For(rule).ReadAsync(query, ct))
        {
            detection.Add(row);
        }

        return new RuleRead(plan, detection.RowsRead, detection.Finish());
    }

    // SYSPRO said no for good (HTTP 400, a COMFND error), a value of the rowversion column did not fit, or was none.
    private static bool IsRefusal(Exception e, string column) => e switch
    {
        SysproAnswerException answer => string.Equals(answer.Column, column, StringComparison.OrdinalIgnoreCase),
        SysproException syspro => syspro.IsLasting && !syspro.IsCredentialError,
        RowVersionUnreadableException => true,
        _ => false,
    };
}
