using MlConnector.Settings;

namespace MlConnector.Rules;

/// <summary>The fields a rule's texts can use: every column it selects, what its enrichments and its split add, and the
/// standard fields every event carries. A template field outside these could never be filled; one of these may still be empty
/// for a given record, which is not a mistake.</summary>
public static class RuleFields
{
    public const string Rule = "Rule";
    public const string RuleDescription = "RuleDescription";
    public const string Transition = "Transition";
    public const string From = "From";
    public const string To = "To";
    public const string RecordKey = "RecordKey";
    public const string RecipientName = "RecipientName";
    public const string SupplierName = "SupplierName";
    public const string BuyerName = "BuyerName";
    public const string LineCount = "LineCount";
    public const string Total = "Total";
    public const string TotalValue = "TotalValue";

    public const string SupplierEnrichment = "Supplier";
    public const string PoLinesEnrichment = "PoLines";
    public const string BuyerEnrichment = "Buyer";

    /// <summary>Set for every event (Detection), whatever the rule.</summary>
    public static readonly IReadOnlyList<string> Standard = [Rule, RuleDescription, Transition, From, To, RecordKey, RecipientName];

    /// <summary>What each enrichment adds. PoLines over e.net answers the supplier's and buyer's names too (PORQRY).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ByEnrichment =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            [SupplierEnrichment] = [SupplierName],
            [BuyerEnrichment] = [BuyerName],
            [PoLinesEnrichment] = [LineCount, Total, TotalValue, SupplierName, BuyerName],
        };

    public static IReadOnlyList<string> Of(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.SelectedColumns
            .Concat(Standard)
            .Concat(rule.Enrich.SelectMany(e => ByEnrichment.TryGetValue(e, out var fields) ? fields : []))
            .Concat(RuleSplits.Of(rule)?.Fields ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Template fields, thresholds and routes that name a field no column, enrichment or standard field of
    /// the rule could ever provide (a field that may be empty for some record is fine).</summary>
    public static IEnumerable<string> Problems(string path, RuleDefinition rule, IReadOnlyList<string> templateFields)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(templateFields);
        var known = Of(rule);
        string Problem(string field, string what) =>
            $"'{field}' is not a field of this rule{Suggestions.DidYouMean(field, known)}" +
            (Suggestions.Closest(field, known) is null ? $" ({what} can use: {string.Join(", ", known)})" : "");

        foreach (var field in templateFields.Where(f => !known.Contains(f, StringComparer.OrdinalIgnoreCase)))
        {
            yield return $"{path}:Template: {Problem(field, "the template")}";
        }

        foreach (var (threshold, index) in (rule.Recipients.Thresholds ?? []).Select((t, i) => (t, i)))
        {
            if (!known.Contains(threshold.Field, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"{path}:Recipients:Thresholds:{index}:Field: {Problem(threshold.Field, "a threshold")}";
            }
        }

        foreach (var (column, index) in (rule.Recipients.RouteBy ?? []).Select((c, i) => (c, i)))
        {
            if (!known.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"{path}:Recipients:RouteBy:{index}: {Problem(column, "a route")}";
            }
        }
    }
}
