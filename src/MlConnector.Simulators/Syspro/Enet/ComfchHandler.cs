using System.Xml.Linq;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// COMFCH (Query/Fetch): one row by its full key, every column, root named after the table. A composite key is
/// the key columns' values concatenated, as SYSPRO's fetch key is.
/// </summary>
internal static class ComfchHandler
{
    public static string Handle(EnetCatalog catalog, XElement fetch, string version)
    {
        var tableName = ((string?)fetch.Element("TableName"))?.Trim() ?? "";
        var key = (string?)fetch.Element("Key") ?? "";
        var table = catalog.Find(tableName)
            ?? throw new ComfndException($"Table '{tableName}' is not available to COMFCH.");
        var keyColumns = table.KeyColumns.Select(k => table.Column(k)!).ToList();
        var row = table.Rows().FirstOrDefault(r =>
            EnetFormat.CompareText(string.Concat(keyColumns.Select(k => EnetFormat.Value(k, k.Get(r)))), key) == 0)
            ?? throw new ComfndException($"Key '{key.Trim()}' was not found in table '{table.Name}'.");

        var xml = new EnetXmlWriter(table.Name, version);
        foreach (var column in table.Columns)
        {
            xml.Element(column.Name, EnetFormat.Value(column, column.Get(row)));
        }

        return xml.Finish();
    }
}
