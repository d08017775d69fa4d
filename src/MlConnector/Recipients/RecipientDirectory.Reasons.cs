using System.Globalization;

namespace MlConnector.Recipients;

public sealed partial class RecipientDirectory
{
    /// <summary>
    /// Why <see cref="Resolve"/> found nobody for this record, in the operator's words: each person, group, route and
    /// threshold the rule names and what stopped it, e.g. <c>RouteBy Buyer: 'B09' has no entry in Directory:Routes:Buyer</c>.
    /// </summary>
    public string WhyNobody(RecipientRuleOptions options, IReadOnlyDictionary<string, string?> fields)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fields);
        var reasons = new List<string>();
        reasons.AddRange((options.People ?? []).Select(p => $"People: '{p}' is not in Directory:People"));
        reasons.AddRange((options.Groups ?? []).Select(g => $"Groups: nobody is in group '{g}'"));
        reasons.AddRange((options.RouteBy ?? []).Select(column => WhyNoRoute(column, fields)));
        reasons.AddRange((options.Thresholds ?? []).Select(t => WhyNotAbove(t, fields)));
        return reasons.Count == 0 ? "the rule names no recipients" : string.Join("; ", reasons);
    }

    private string WhyNoRoute(string column, IReadOnlyDictionary<string, string?> fields)
    {
        if (!fields.TryGetValue(column, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return $"RouteBy {column}: the record has no {column}";
        }

        var code = value.Trim();
        if (!_routes.TryGetValue(column, out var map))
        {
            return $"RouteBy {column}: there is no Directory:Routes:{column} map";
        }

        return map.TryGetValue(code, out var target)
            ? $"RouteBy {column}: '{code}' goes to '{target}', who is neither a person nor a group with people"
            : $"RouteBy {column}: '{code}' has no entry in Directory:Routes:{column}";
    }

    private static string WhyNotAbove(ThresholdOptions threshold, IReadOnlyDictionary<string, string?> fields)
    {
        var above = threshold.Above.ToString(CultureInfo.InvariantCulture);
        if (!fields.TryGetValue(threshold.Field, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return $"Thresholds {threshold.Field}: the record has no {threshold.Field}";
        }

        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return $"Thresholds {threshold.Field}: '{text.Trim()}' is not a number";
        }

        if (value <= threshold.Above)
        {
            return $"Thresholds {threshold.Field}: {text.Trim()} is not above {above}";
        }

        var targets = (threshold.People ?? []).Concat(threshold.Groups ?? []).Select(t => $"'{t}'").ToList();
        return $"Thresholds {threshold.Field}: {text.Trim()} is above {above}, but " +
            (targets.Count == 0 ? "it names nobody" : $"nobody is in {string.Join(", ", targets)}");
    }
}
