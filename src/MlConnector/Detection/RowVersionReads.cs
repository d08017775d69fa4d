using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MlConnector.Rules;

namespace MlConnector.Detection;

/// <summary>
/// Which rules read only the rows changed since their last poll, by their table's rowversion, and which read their
/// whole working set at every poll, and why (issue 14). A rule without a watermark reads by its
/// <c>RowVersionColumn</c> (TimeStamp) unless its <c>FullReadEvery</c> is 00:00:00, the schema check found no such
/// column (<see cref="RuleSchemas"/>), or SYSPRO refused a read by it less than <c>FullReadEvery</c> ago (a refusal is
/// tried again then, so one bad answer does not end reads by rowversion); its whole working set is read on its first
/// poll, whenever it has no rowversion, and every <c>FullReadEvery</c>.
/// </summary>
public sealed class RowVersionReads(IOptions<PollingOptions> options, TimeProvider time, ILogger<RowVersionReads> logger)
{
    private readonly ConcurrentDictionary<(string Company, string Rule), (string Reason, DateTimeOffset Until)> _refused = new();

    public TimeSpan FullReadEvery(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.FullReadEvery ?? options.Value.FullReadEvery;
    }

    /// <summary>The column the rule may be read by, before SYSPRO's schema is asked (null: it reads its whole working set).</summary>
    public string? ColumnFor(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Watermark == WatermarkKind.None && rule.RowVersionColumn is { } column && FullReadEvery(rule) > TimeSpan.Zero
            && RefusedBecause(rule) is null
            ? column
            : null;
    }

    /// <summary>What this poll reads: the rows changed since the rule's rowversion, or (when due) its whole working set.</summary>
    public ReadPlan Plan(RuleDefinition rule, RuleState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (ColumnFor(rule) is not { } column)
        {
            return ReadPlan.WholeWorkingSet;
        }

        var due = !state.Baselined || state.RowVersion is null || state.FullReadAt is not { } last || now - last >= FullReadEvery(rule);
        return new ReadPlan(column, due);
    }

    /// <summary>SYSPRO refused a read by the rule's rowversion that it answered without one: the rule reads its whole
    /// working set until <c>FullReadEvery</c> has passed, then tries the rowversion again (said once per reason).</summary>
    public void Refused(RuleDefinition rule, string column, string reason)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var key = (rule.Company, rule.Id);
        var every = FullReadEvery(rule);
        var before = _refused.TryGetValue(key, out var known) ? known.Reason : null;
        _refused[key] = (reason, time.GetUtcNow() + every);
        if (before != reason)
        {
            logger.RowVersionRefused(rule.Id, rule.Table, column, reason, every);
        }
    }

    /// <summary>Why SYSPRO's last refusal still stands, or null.</summary>
    private string? RefusedBecause(RuleDefinition rule) =>
        _refused.TryGetValue((rule.Company, rule.Id), out var refused) && refused.Until > time.GetUtcNow() ? refused.Reason : null;

    /// <summary>How the rule finds changes now, in words, for the dashboard and the API.</summary>
    public string Describe(RuleDefinition rule, RuleSchemaStatus schema)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(schema);
        const string Whole = "snapshot diff: the whole working set at every poll";
        var column = rule.RowVersionColumn;
        return rule.Watermark switch
        {
            WatermarkKind.Date => $"date watermark: rows whose {rule.WatermarkColumn} is on or after the last day read, less {rule.WatermarkOverlap:c}",
            WatermarkKind.RowVersion => $"rowversion watermark: new and changed rows whose {rule.WatermarkColumn} passed the last one read",
            _ when column is null => Whole,
            _ when FullReadEvery(rule) <= TimeSpan.Zero => $"{Whole} (FullReadEvery is 00:00:00)",
            _ when schema.RowVersionMissing => $"{Whole}: SYSPRO's {rule.Table} has no column {column}",
            _ when RefusedBecause(rule) is { } reason =>
                $"{Whole}: SYSPRO refused a read by {column} ({reason}); tried again every {FullReadEvery(rule):c}",
            _ => $"rowversion: the rows changed since the last poll (by {column}) at every poll, the whole working set every {FullReadEvery(rule):c}",
        };
    }
}
