using System.Xml.Linq;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// COMFND, the generic table query: Where, OrderBy and ReturnRows, so a client pages by key
/// (Where key GT last key, OrderBy key, ReturnRows N). The answer echoes TableName, Columns and OrderBy in
/// HeaderDetails, as the recorded exchange shows.
/// </summary>
internal static class ComfndHandler
{
    public static EnetAnswer Handle(EnetCatalog catalog, XElement query, string version)
    {
        var request = ComfndRequest.Parse(query);
        var table = catalog.Find(request.TableName)
            ?? throw new ComfndException($"Table '{request.TableName}' is not available to COMFND.");
        var columns = request.Columns.Count == 0
            ? table.Columns
            : request.Columns.Select(c => table.Column(c)
                ?? throw new ComfndException($"Column '{c}' is not in table '{table.Name}'.")).ToList();
        var orderBy = request.OrderBy.Select(c => table.Column(c)
            ?? throw new ComfndException($"Column '{c}' is not in table '{table.Name}'.")).ToList();
        foreach (var refused in request.Where.Select(e => e.Column).Concat(request.OrderBy).Where(c => catalog.Refuses(table, c)))
        {
            throw new ComfndException($"Column '{refused}' of table '{table.Name}' cannot be used in a Where or an OrderBy.");
        }

        var where = ComfndWhere.Build(table, request.Where);

        IEnumerable<object> rows;
        if (KeyOrdered(table, orderBy) && table.SortedByKey() is { } sorted)
        {
            // Keyset paging without a scan or a sort: start at the lowest key the Where allows, in key order.
            var bound = where.LowerBound(orderBy[0]);
            rows = sorted.From(bound is null ? 0 : sorted.First(bound.Admits)).Where(where.Test);
        }
        else
        {
            rows = table.Rows().Where(where.Test);
            if (orderBy.Count > 0)
            {
                rows = rows.Order(new RowComparer(orderBy));
            }
        }

        if (request.ReturnRows > 0)
        {
            rows = rows.Take(request.ReturnRows);
        }

        var xml = new EnetXmlWriter(table.Name, version).Start("HeaderDetails").Element("TableName", table.Name);
        if (request.Columns.Count > 0)
        {
            xml.Start("Columns");
            columns.ToList().ForEach(c => xml.Element("Column", c.Name));
            xml.End("Columns");
        }

        if (orderBy.Count > 0)
        {
            xml.Start("OrderBy");
            orderBy.ForEach(c => xml.Element("Column", c.Name));
            xml.End("OrderBy");
        }

        xml.End("HeaderDetails");
        var count = 0;
        foreach (var row in rows)
        {
            xml.Start("Row");
            foreach (var column in columns)
            {
                xml.Element(column.Name, EnetFormat.Value(column, column.Get(row)));
            }

            xml.End("Row");
            count++;
        }

        return new EnetAnswer(xml.Element("RowsReturned", EnetFormat.Number(count, 8, 0)).Finish(), count);
    }

    /// <summary>Whether the OrderBy is the table's key, column for column.</summary>
    private static bool KeyOrdered(EnetTable table, List<EnetColumn> orderBy) =>
        orderBy.Count > 0 && orderBy.Select(c => c.Name).SequenceEqual(table.KeyColumns, StringComparer.OrdinalIgnoreCase);

    private sealed class RowComparer(IReadOnlyList<EnetColumn> columns) : IComparer<object>
    {
        public int Compare(object? x, object? y)
        {
            foreach (var column in columns)
            {
                var c = EnetFormat.CompareValues(column, column.Get(x!), column.Get(y!));
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }
    }
}
