using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace MlConnector.Syspro;

/// <summary>
/// Reads SYSPRO tables through e.net COMFND, page by page with keyset paging (key greater than the last key read,
/// the key sent back exactly as SYSPRO gave it), over the shared <see cref="EnetSession"/>. The XML arrives in
/// Windows-1252 and is decoded as declared. Every answer is checked before it is believed: a COMFND answer for the
/// table, as many rows as it says, every row with its key, values that fit their columns (<see cref="SysproColumnTypes"/>).
/// </summary>
public sealed class EnetSource(EnetSession session, EnetOptions options) : ISysproSource, IPurchaseOrderSummaries
{
    public IPurchaseOrderSummaries PurchaseOrderSummaries => this;

    /// <summary>PORQRY: the supplier and buyer names, line count and total of one purchase order in one call.</summary>
    public async Task<PurchaseOrderSummary> PurchaseOrderAsync(string purchaseOrder, CancellationToken cancellationToken) =>
        PorqryQuery.Parse(await session.QueryAsync("PORQRY", PorqryQuery.Build(purchaseOrder), cancellationToken), purchaseOrder);

    public async IAsyncEnumerable<SourceRow> ReadAsync(SourceQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? afterKey = null;
        while (true)
        {
            var rows = Parse(await session.QueryAsync("COMFND", ComfndQuery.Build(query, options.PageSize, afterKey), cancellationToken), query);
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < options.PageSize || query.OrderBy.Count == 0)
            {
                yield break;
            }

            var last = rows[^1];
            afterKey = query.OrderBy.Select(k => last.Raw(k)!).ToList();
        }
    }

    /// <summary>Parses a COMFND answer for a table read without a key order.</summary>
    public static List<SourceRow> Parse(byte[] bytes, string table) => Parse(bytes, new SourceQuery(table, [], [], []));

    /// <summary>Parses a COMFND answer: a root named after the table, one Row element per row, then RowsReturned.</summary>
    public static List<SourceRow> Parse(byte[] bytes, SourceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var table = query.Table;
        XDocument document;
        try
        {
            using var stream = new MemoryStream(bytes);
            document = XDocument.Load(stream, LoadOptions.PreserveWhitespace); // a blank status is " ", a key " 00001"
        }
        catch (System.Xml.XmlException e)
        {
            throw new SysproAnswerException(table, null, null, $"e.net answered COMFND with text that is not XML ({e.Message}).", e);
        }

        var root = document.Root!;
        if (!root.Name.LocalName.Equals(table, StringComparison.OrdinalIgnoreCase))
        {
            throw new SysproAnswerException(table, null, null,
                $"e.net answered COMFND with <{root.Name.LocalName}>, not a {table} answer.");
        }

        var rows = root.Elements().Where(e => e.Name.LocalName.Equals("Row", StringComparison.OrdinalIgnoreCase))
            .Select((row, index) => ToRow(row, index, query))
            .ToList();
        var returned = root.Elements().FirstOrDefault(e => e.Name.LocalName.Equals("RowsReturned", StringComparison.OrdinalIgnoreCase));
        if (returned is not null && (!int.TryParse(returned.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count != rows.Count))
        {
            throw new SysproAnswerException(table, null, null,
                $"e.net's COMFND answer says RowsReturned '{returned.Value.Trim()}' but holds {rows.Count} rows.");
        }

        return rows;
    }

    private static SourceRow ToRow(XElement row, int index, SourceQuery query)
    {
        var raw = row.Elements().ToDictionary(c => c.Name.LocalName, c => c.Value, StringComparer.OrdinalIgnoreCase);
        var record = string.Join('|', query.OrderBy.Select(k => raw.GetValueOrDefault(k) ?? "?"));
        foreach (var key in query.OrderBy.Where(k => !raw.ContainsKey(k)))
        {
            throw new SysproAnswerException(query.Table, $"(row {index + 1}: {record})", key, "the row has no key column.");
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, text) in raw)
        {
            var kind = SysproColumnTypes.Of(query.Table, column);
            if (kind == SysproColumnKind.Unknown && query.OrderBy.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                kind = SysproColumnKind.Text; // a key is a fixed-width string unless known otherwise: never reparsed
            }

            values[column] = SysproValues.FromEnet(text, kind, out var problem);
            if (problem is not null)
            {
                throw new SysproAnswerException(query.Table, record, column, problem + ".");
            }
        }

        return new SourceRow(values);
    }
}
