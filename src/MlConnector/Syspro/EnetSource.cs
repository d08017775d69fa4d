using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace MlConnector.Syspro;

/// <summary>
/// Reads SYSPRO tables through e.net COMFND, page by page with keyset paging (key greater than the last key read),
/// over the shared <see cref="EnetSession"/>. The XML arrives in Windows-1252 and is decoded as declared.
/// </summary>
public sealed class EnetSource(EnetSession session, EnetOptions options) : ISysproSource, IPurchaseOrderSummaries
{
    public IPurchaseOrderSummaries PurchaseOrderSummaries => this;

    /// <summary>PORQRY: the supplier and buyer names, line count and total of one purchase order in one call.</summary>
    public async Task<PurchaseOrderSummary> PurchaseOrderAsync(string purchaseOrder, CancellationToken cancellationToken) =>
        PorqryQuery.Parse(await session.QueryAsync("PORQRY", PorqryQuery.Build(purchaseOrder), cancellationToken));

    public async IAsyncEnumerable<SourceRow> ReadAsync(SourceQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? afterKey = null;
        while (true)
        {
            var xmlIn = ComfndQuery.Build(query, options.PageSize, afterKey);
            var bytes = await session.QueryAsync("COMFND", xmlIn, cancellationToken);
            var rows = Parse(bytes, query.Table);
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < options.PageSize || query.OrderBy.Count == 0)
            {
                yield break;
            }

            var last = rows[^1];
            afterKey = query.OrderBy.Select(k => last.Raw(k) ?? "").ToList();
        }
    }

    /// <summary>Parses a COMFND answer: a root named after the table, one Row element per row.</summary>
    public static List<SourceRow> Parse(byte[] bytes, string table)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(bytes);
            document = XDocument.Load(stream);
        }
        catch (System.Xml.XmlException e)
        {
            throw new SysproException($"SYSPRO e.net answered the {table} query with text that is not XML ({e.Message}).");
        }

        return document.Root!.Elements()
            .Where(e => e.Name.LocalName.Equals("Row", StringComparison.OrdinalIgnoreCase))
            .Select(row => new SourceRow(row.Elements().ToDictionary(
                c => c.Name.LocalName,
                c => SysproValues.FromEnet(c.Value),
                StringComparer.OrdinalIgnoreCase)))
            .ToList();
    }
}
