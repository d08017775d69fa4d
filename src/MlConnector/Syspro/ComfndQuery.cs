using System.Globalization;
using System.Xml.Linq;
using MlConnector.Rules;

namespace MlConnector.Syspro;

/// <summary>
/// Writes COMFND table queries (specs/syspro.md section 4): columns, Where expressions with brackets and And/Or,
/// OrderBy and ReturnRows. Keyset paging adds "key greater than the last key read" to the caller's conditions.
/// </summary>
internal static class ComfndQuery
{
    private abstract record Node;

    private sealed record Leaf(string Column, string Condition, string Value) : Node;

    private sealed record Group(bool IsAnd, IReadOnlyList<Node> Items) : Node;

    public static string Build(SourceQuery query, int returnRows, IReadOnlyList<string>? afterKey)
    {
        var clauses = query.Conditions.Select(Clause).ToList();
        if (afterKey is not null)
        {
            clauses.Add(Keyset(query.OrderBy, afterKey));
        }

        var where = new XElement("Where");
        if (clauses.Count > 0)
        {
            var expressions = new List<XElement>();
            Flatten(new Group(true, clauses), "And", expressions, top: true);
            where.Add(expressions);
        }

        var document = new XDocument(
            new XDeclaration("1.0", "Windows-1252", null),
            new XElement("Query",
                new XElement("TableName", query.Table),
                new XElement("ReturnRows", returnRows.ToString(CultureInfo.InvariantCulture)),
                new XElement("Columns", query.Columns.Select(c => new XElement("Column", c))),
                where,
                new XElement("OrderBy", query.OrderBy.Select(c => new XElement("Column", c)))));
        return document.Declaration + document.Root!.ToString(SaveOptions.DisableFormatting);
    }

    private static Node Clause(FilterCondition c) => c.Operator == FilterOperator.In
        ? new Group(false, c.Values.Select(v => (Node)new Leaf(c.Column, "EQ", v)).ToList())
        : new Leaf(c.Column, c.Operator.ToString().ToUpperInvariant(), c.Values[0]);

    // (k1 > a) or (k1 = a and k2 > b) or ...
    private static Group Keyset(IReadOnlyList<string> keys, IReadOnlyList<string> last)
    {
        var alternatives = new List<Node>();
        for (var i = 0; i < keys.Count; i++)
        {
            var terms = new List<Node>();
            for (var j = 0; j < i; j++)
            {
                terms.Add(new Leaf(keys[j], "EQ", last[j]));
            }

            terms.Add(new Leaf(keys[i], "GT", last[i]));
            alternatives.Add(terms.Count == 1 ? terms[0] : new Group(true, terms));
        }

        return new Group(false, alternatives);
    }

    private static void Flatten(Node node, string andOr, List<XElement> output, bool top)
    {
        if (node is Leaf leaf)
        {
            output.Add(new XElement("Expression",
                new XElement("OpenBracket", ""),
                new XElement("AndOr", andOr),
                new XElement("Column", leaf.Column),
                new XElement("Condition", leaf.Condition),
                new XElement("Value", leaf.Value),
                new XElement("CloseBracket", "")));
            return;
        }

        var group = (Group)node;
        var first = output.Count;
        for (var i = 0; i < group.Items.Count; i++)
        {
            Flatten(group.Items[i], i == 0 ? andOr : group.IsAnd ? "And" : "Or", output, top: false);
        }

        if (!top && group.Items.Count > 1)
        {
            var open = output[first].Element("OpenBracket")!;
            open.Value = "(" + open.Value;
            var close = output[^1].Element("CloseBracket")!;
            close.Value += ")";
        }
    }
}
