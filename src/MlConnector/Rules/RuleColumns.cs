namespace MlConnector.Rules;

/// <summary>A column a rule cannot work without, and what needs it: <c>key</c>, <c>status</c>, <c>watermark</c>,
/// <c>Filter</c>, <c>RouteBy</c> or <c>Thresholds</c>.</summary>
public sealed record RequiredColumn(string Column, string UsedBy);

/// <summary>What a rule comes to once SYSPRO said which of its columns exist: an error (the rule cannot run: its table
/// or a required column is missing), or the optional columns it runs without (its texts show them empty).</summary>
public sealed record RuleSchemaVerdict(string? Error, IReadOnlyList<string> Dropped);

/// <summary>
/// The one place that says which of a rule's columns are required and which are optional (issue 12, "schema-aware
/// rules"). Required: the key, status and watermark columns and the columns of <c>Filter</c>, <c>RouteBy</c> and
/// <c>Thresholds</c> (a field the rule's split computes is no column of its table); a site without one cannot run the rule. Every other column the rule reads (a preset's
/// <c>Warehouse</c>, <c>SupplierClass</c>, <c>StockDescription</c>...) is optional: dropped when missing.
/// </summary>
public static class RuleColumns
{
    /// <summary>Fields the connector fills itself (enrichment, the rule, the recipient): a RouteBy or Threshold naming
    /// one of them reads no SYSPRO column.</summary>
    public static readonly IReadOnlySet<string> ComputedFields = new HashSet<string>(
        ["SupplierName", "BuyerName", "LineCount", "Total", "TotalValue", "RecipientName", "Rule", "RuleDescription",
            "Transition", "From", "To", "RecordKey"],
        StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<RequiredColumn> Required(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var required = new List<RequiredColumn>();
        var split = RuleSplits.Of(rule)?.Fields ?? [];
        void Add(string? column, string usedBy)
        {
            if (!string.IsNullOrWhiteSpace(column) && !ComputedFields.Contains(column) && !split.Contains(column, StringComparer.OrdinalIgnoreCase)
                && !required.Exists(r => r.Column.Equals(column, StringComparison.OrdinalIgnoreCase)))
            {
                required.Add(new RequiredColumn(column, usedBy));
            }
        }

        foreach (var key in rule.KeyColumns)
        {
            Add(key, "key");
        }

        Add(rule.StatusColumn, "status");
        Add(rule.WatermarkColumn, "watermark");
        foreach (var condition in rule.Filter)
        {
            Add(condition.Column, "Filter");
        }

        foreach (var column in rule.Recipients.RouteBy ?? [])
        {
            Add(column, "RouteBy");
        }

        foreach (var threshold in rule.Recipients.Thresholds ?? [])
        {
            Add(threshold.Field, "Thresholds");
        }

        return required;
    }

    /// <summary>The columns the rule reads that it can do without.</summary>
    public static IReadOnlyList<string> Optional(RuleDefinition rule)
    {
        var required = Required(rule);
        return rule.SelectedColumns
            .Where(c => !required.Any(r => r.Column.Equals(c, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>Every column a schema check asks SYSPRO about: the required ones, then the optional ones.</summary>
    public static IReadOnlyList<string> Checked(RuleDefinition rule) =>
        Required(rule).Select(r => r.Column).Concat(Optional(rule)).ToList();

    /// <summary>The verdict on a rule, given what SYSPRO lacks: its table, or some of its columns.</summary>
    public static RuleSchemaVerdict Judge(RuleDefinition rule, bool tableMissing, IReadOnlyCollection<string> missingColumns)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(missingColumns);
        if (tableMissing)
        {
            return new RuleSchemaVerdict($"SYSPRO has no table {rule.Table} ({Transport(rule)}).", []);
        }

        bool Missing(string column) => missingColumns.Contains(column, StringComparer.OrdinalIgnoreCase);
        var requiredMissing = Required(rule).Where(r => Missing(r.Column)).ToList();
        var dropped = Optional(rule).Where(Missing).ToList();
        return requiredMissing.Count == 0
            ? new RuleSchemaVerdict(null, dropped)
            : new RuleSchemaVerdict(
                $"table {rule.Table} ({Transport(rule)}) has no column " +
                string.Join(", no column ", requiredMissing.Select(r => $"{r.Column} (its {r.UsedBy} column)")) + ".",
                dropped);
    }

    /// <summary>The rule as it runs without the optional columns SYSPRO lacks: it reads them no more, and its texts
    /// render them empty.</summary>
    public static RuleDefinition WithoutColumns(RuleDefinition rule, IReadOnlyCollection<string> dropped)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(dropped);
        return dropped.Count == 0
            ? rule
            : rule with { Columns = rule.Columns.Where(c => !dropped.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList() };
    }

    private static string Transport(RuleDefinition rule) => rule.Transport == SysproTransport.Enet ? "e.net COMFND" : "OData";
}
