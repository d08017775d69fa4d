using System.Globalization;
using System.Text;
using MlConnector.Rules;

namespace MlConnector.Syspro;

/// <summary>Writes <c>$filter</c> expressions with literals escaped the OData way ('O''Brien &amp; Sons').</summary>
internal static class ODataQueryText
{
    public static string Filter(IReadOnlyList<FilterCondition> conditions, Func<string, string?> typeOf)
    {
        var parts = conditions.Select(c => c.Operator switch
        {
            FilterOperator.In => "(" + string.Join(" or ", c.Values.Select(v => Equals(c.Column, v, typeOf(c.Column)))) + ")",
            FilterOperator.Eq => Equals(c.Column, c.Values[0], typeOf(c.Column)),
            _ => $"{c.Column} {c.Operator.ToString().ToLowerInvariant()} {Literal(c.Values[0], typeOf(c.Column))}",
        });
        return string.Join(" and ", parts);
    }

    /// <summary>
    /// "Beyond the last key read" for keyset paging, keys compared by the server in its <c>$orderby</c>:
    /// <c>(K1 gt 'a') or (K1 eq 'a' and K2 gt 5)</c>. The key values go back exactly as SYSPRO gave them.
    /// </summary>
    public static string Keyset(IReadOnlyList<string> keys, IReadOnlyList<string> last, Func<string, string?> typeOf)
    {
        var alternatives = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            var terms = Enumerable.Range(0, i).Select(j => $"{keys[j]} eq {Literal(last[j], typeOf(keys[j]))}")
                .Append($"{keys[i]} gt {Literal(last[i], typeOf(keys[i]))}");
            alternatives.Add(i == 0 ? terms.Single() : "(" + string.Join(" and ", terms) + ")");
        }

        return string.Join(" or ", alternatives);
    }

    // SQL Server ignores trailing blanks when it compares char columns, so SYSPRO's blank status (' ' in a char(1))
    // equals ''. An OData service that compares in .NET does not; asking for both forms works on either.
    private static string Equals(string column, string value, string? edmType) =>
        value.Trim().Length == 0 && edmType is null or "Edm.String"
            ? $"({column} eq '' or {column} eq ' ')"
            : $"{column} eq {Literal(value, edmType)}";

    public static string Literal(string value, string? edmType) => edmType switch
    {
        "Edm.Int16" or "Edm.Int32" or "Edm.Int64" or "Edm.Decimal" or "Edm.Double" or "Edm.Single" or "Edm.Byte"
            when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
            => n.ToString(CultureInfo.InvariantCulture),
        "Edm.Boolean" => value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" ? "true" : "false",
        "Edm.DateTimeOffset" when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
        "Edm.DateTimeOffset" => value,
        "Edm.Date" => value,
        // A rowversion served as Edm.Binary: OData writes binary literals in base64url.
        "Edm.Binary" => "binary'" + value.Replace('+', '-').Replace('/', '_') + "'",
        _ => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'",
    };

    /// <summary>Builds the query string; every value is percent-encoded (an ampersand in a name must not end the parameter).</summary>
    public static string QueryString(params (string Name, string? Value)[] parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            text.Append(text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }
}
