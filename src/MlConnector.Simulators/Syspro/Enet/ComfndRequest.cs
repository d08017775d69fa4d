using System.Globalization;
using System.Xml.Linq;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>One <c>Where/Expression</c> of a COMFND query.</summary>
internal sealed record ComfndExpression(
    int OpenBrackets, string AndOr, string Column, string Condition, string Value, int CloseBrackets);

/// <summary>A parsed COMFND <c>XmlIn</c> (syspro.md section 4).</summary>
internal sealed record ComfndRequest(
    string TableName,
    int ReturnRows,
    IReadOnlyList<string> Columns,
    IReadOnlyList<ComfndExpression> Where,
    IReadOnlyList<string> OrderBy)
{
    public static ComfndRequest Parse(XElement query)
    {
        var returnRows = int.TryParse(
            (string?)query.Element("ReturnRows"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rows)
            ? rows
            : 0;
        return new ComfndRequest(
            ((string?)query.Element("TableName"))?.Trim() ?? "",
            returnRows,
            Names(query.Element("Columns")),
            [.. (query.Element("Where")?.Elements("Expression") ?? []).Select(e => new ComfndExpression(
                Count((string?)e.Element("OpenBracket"), '('),
                ((string?)e.Element("AndOr"))?.Trim() ?? "",
                ((string?)e.Element("Column"))?.Trim() ?? "",
                ((string?)e.Element("Condition"))?.Trim().ToUpperInvariant() ?? "EQ",
                (string?)e.Element("Value") ?? "",
                Count((string?)e.Element("CloseBracket"), ')')))],
            Names(query.Element("OrderBy")));
    }

    private static List<string> Names(XElement? parent) =>
        [.. (parent?.Elements("Column") ?? []).Select(c => c.Value.Trim()).Where(c => c.Length > 0)];

    private static int Count(string? text, char bracket) => text?.Count(c => c == bracket) ?? 0;
}
