using System.Globalization;
using MlConnector.Alerts;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>
/// A rule's split (<see cref="RuleSplits"/>): each event on a header (a payment run whose register is printed) becomes
/// one event per group of the header's detail lines (one per supplier paid), read at that moment, all of them. The
/// header's event fires once (the rule's snapshot remembers it), so each group is texted once, with its full count.
/// Reading the lines is part of the poll: when SYSPRO does not answer, or answers lines that cannot be believed, the
/// poll fails and the header is detected again next poll, never half-recorded.
/// </summary>
internal static class EventSplitter
{
    public static async Task<IReadOnlyList<DetectedEvent>> SplitAsync(RuleDefinition rule, IReadOnlyList<DetectedEvent> events,
        ISysproSource source, ILogger logger, CancellationToken ct)
    {
        if (RuleSplits.Of(rule) is not { } split)
        {
            return events;
        }

        var groups = new List<DetectedEvent>();
        foreach (var header in events)
        {
            var before = groups.Count;
            groups.AddRange(await GroupsAsync(rule, split, header, source, ct));
            if (groups.Count == before)
            {
                logger.SplitFoundNoLines(rule.Id, RecordKeyText.Display(header.RecordKey), split.Table);
            }
        }

        return groups;
    }

    private static async Task<List<DetectedEvent>> GroupsAsync(RuleDefinition rule, RuleSplit split, DetectedEvent header,
        ISysproSource source, CancellationToken ct)
    {
        var joinValue = header.Row.Raw(split.JoinColumn)
            ?? throw new BadAnswerException($"{rule.Id}: record {header.RecordKey} of {rule.Table} has no {split.JoinColumn}.");
        var query = new SourceQuery(split.Table, split.Columns,
            [new FilterCondition(split.JoinColumn, FilterOperator.Eq, [joinValue])], split.OrderBy);
        var lines = new Dictionary<string, List<SourceRow>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var line in source.ReadAsync(query, ct))
        {
            Believe(rule, split, joinValue, line);
            if (seen.Add(line.KeyOf([split.GroupColumn, split.ItemColumn])))
            {
                var group = line.Raw(split.GroupColumn)!;
                (lines.TryGetValue(group, out var list) ? list : lines[group] = []).Add(line);
            }
        }

        return lines.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DetectedEvent($"{header.RecordKey}|{g.Key}", Row(split, header.Row, g.Key, g.Value), header.From, header.To,
                header.Transition, header.Fingerprint))
            .ToList();
    }

    /// <summary>A line of another header, or without its group, item or a number for its amount: the read is not
    /// believed (the poll fails and changes nothing).</summary>
    private static void Believe(RuleDefinition rule, RuleSplit split, string joinValue, SourceRow line)
    {
        string Problem(string what) => $"{rule.Id}: a line of {split.Table} for {split.JoinColumn} {RecordKeyText.Display(joinValue)} {what}; " +
            "SYSPRO's answer was not believed.";

        if (!string.Equals(line[split.JoinColumn], joinValue.Trim(), StringComparison.Ordinal))
        {
            throw new BadAnswerException(Problem($"belongs to {split.JoinColumn} '{line[split.JoinColumn]}'"));
        }

        if (new[] { split.GroupColumn, split.ItemColumn }.FirstOrDefault(c => string.IsNullOrEmpty(line.Raw(c))) is { } missing)
        {
            throw new BadAnswerException(Problem($"has no {missing}"));
        }

        if (!decimal.TryParse(line[split.SumColumn], NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            throw new BadAnswerException(Problem($"(item {line[split.ItemColumn]}) has {split.SumColumn} '{line[split.SumColumn]}', not a number"));
        }
    }

    /// <summary>The header's values with the group's: its key, the items counted, the amounts summed, the references
    /// and the currency.</summary>
    private static SourceRow Row(RuleSplit split, SourceRow header, string group, List<SourceRow> lines)
    {
        var values = new Dictionary<string, string?>(header.Values, StringComparer.OrdinalIgnoreCase)
        {
            [split.GroupColumn] = group,
            [RuleSplit.CountField] = lines.Count.ToString(CultureInfo.InvariantCulture),
            [RuleSplit.AmountField] = lines.Sum(l => decimal.Parse(l[split.SumColumn]!, NumberStyles.Number, CultureInfo.InvariantCulture))
                .ToString(CultureInfo.InvariantCulture),
            [RuleSplit.ReferenceField] = Blank(string.Join(", ", lines.Select(l => l[split.ReferenceColumn]).Where(r => !string.IsNullOrEmpty(r))
                .Distinct(StringComparer.Ordinal))),
            [RuleSplit.CurrencyField] = lines.Select(l => l[split.CurrencyColumn]).FirstOrDefault(c => !string.IsNullOrEmpty(c)),
        };
        return new SourceRow(values);
    }

    private static string? Blank(string text) => text.Length == 0 ? null : text;
}
