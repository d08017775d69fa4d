using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>A row whose rowversion column holds no rowversion: the table cannot be read by it.</summary>
public sealed class RowVersionUnreadableException(string message) : Exception(message);

/// <summary>
/// The rows of a read ordered by rowversion. A record changed while the pages were read comes twice, the second time
/// with a higher rowversion and its newer values: that copy is the one kept. The highest rowversion read is where the
/// rule's next read of changes starts. A read that is not what was asked (rowversions not rising, or a read of changes
/// returning one not past the rule's) cannot be read by rowversion: a proxy's stale page, or a site that
/// does not order or filter by it.
/// </summary>
internal static class RowVersionRows
{
    public static (List<SourceRow> Rows, string? Highest) Latest(RuleDefinition rule, string column, IEnumerable<SourceRow> rows,
        string? after)
    {
        ulong? floor = RowVersion.TryParse(after, out var start) ? start.Value : null;
        var list = rows as IReadOnlyList<SourceRow> ?? rows.ToList();
        var keys = new string[list.Count];
        var latest = new Dictionary<string, (int Index, ulong Version)>(StringComparer.Ordinal);
        RowVersion? highest = null;
        for (var i = 0; i < list.Count; i++)
        {
            keys[i] = list[i].KeyOf(rule.KeyColumns);
            if (!RowVersion.TryParse(list[i].Raw(column), out var version))
            {
                throw new RowVersionUnreadableException(
                    $"record {keys[i]} of {rule.Table} has {column} '{list[i].Raw(column) ?? "(none)"}', which is not a rowversion.");
            }

            if ((highest?.Value ?? floor) is { } bound && version.Value <= bound)
            {
                throw new RowVersionUnreadableException($"record {keys[i]} of {rule.Table} has {column} {version}, not past " +
                    $"{highest?.ToString() ?? after}: the answer is not the rows asked for in {column} order.");
            }

            if (!latest.TryGetValue(keys[i], out var seen) || version.Value > seen.Version)
            {
                latest[keys[i]] = (i, version.Value);
            }

            if (highest is not { } h || version.Value > h.Value)
            {
                highest = version;
            }
        }

        return ([.. list.Where((_, i) => latest[keys[i]].Index == i)], highest?.ToString());
    }
}
