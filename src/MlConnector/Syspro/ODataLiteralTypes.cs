using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace MlConnector.Syspro;

/// <summary>
/// The Edm type a filter literal is written for, when <c>$metadata</c> gives a column none (an open type's dynamic
/// property, issue 14): learnt from one row of the entity set (<c>$top=1</c>), so a number goes unquoted
/// (<c>Journal gt 0</c>; a typed service answers <c>Journal gt '0'</c> with HTTP 400) and a date-time as one. A
/// JSON number, boolean or ISO date says its type; a JSON string could be text or a number sent as text, so the
/// catalogue of SYSPRO's columns (<see cref="SysproColumnTypes"/>) decides it, and text it is otherwise. Types are
/// learnt once per entity set and source; an empty set is asked again next time.
/// </summary>
internal sealed class ODataLiteralTypes
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _sampled = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The columns of the query whose literals <c>$metadata</c> cannot type (filter and key columns).</summary>
    public static IReadOnlyList<string> Untyped(ODataMetadata metadata, SourceQuery query) =>
        query.Conditions.Select(c => c.Column).Concat(query.OrderBy)
            .Where(c => metadata.TypeOf(query.Table, c) is null)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    public bool Knows(string table) => _sampled.ContainsKey(table);

    /// <summary>Keeps what one row said (nothing is kept for an empty set).</summary>
    public void Learn(string table, JsonElement? row)
    {
        if (row is { ValueKind: JsonValueKind.Object } value)
        {
            _sampled[table] = Infer(table, value);
        }
    }

    /// <summary>The type to write a literal for: <c>$metadata</c>'s, else the sampled row's, else the catalogue's.</summary>
    public Func<string, string?> For(ODataMetadata metadata, string table)
    {
        var sampled = _sampled.GetValueOrDefault(table);
        return column => metadata.TypeOf(table, column) ?? sampled?.GetValueOrDefault(column) ?? Catalogued(table, column);
    }

    private static Dictionary<string, string> Infer(string table, JsonElement row)
    {
        var types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in row.EnumerateObject().Where(p => !p.Name.StartsWith('@')))
        {
            var type = property.Value.ValueKind switch
            {
                JsonValueKind.Number => "Edm.Decimal",
                JsonValueKind.True or JsonValueKind.False => "Edm.Boolean",
                JsonValueKind.String => OfText(property.Value.GetString()!) ?? Catalogued(table, property.Name) ?? "Edm.String",
                _ => null,
            };
            if (type is not null)
            {
                types[property.Name] = type;
            }
        }

        return types;
    }

    private static string? OfText(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? "Edm.Date"
        : text.Length > 10 && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? "Edm.DateTimeOffset"
        : null;

    private static string? Catalogued(string table, string column) => SysproColumnTypes.Of(table, column) switch
    {
        SysproColumnKind.Number => "Edm.Decimal",
        SysproColumnKind.Date => "Edm.DateTimeOffset",
        SysproColumnKind.Text => "Edm.String",
        SysproColumnKind.RowVersion => "Edm.Int64", // as the simulator serves it (design.md, OData types)
        _ => null,
    };
}
