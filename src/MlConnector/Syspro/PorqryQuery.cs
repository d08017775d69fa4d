using System.Globalization;
using System.Xml.Linq;

namespace MlConnector.Syspro;

/// <summary>PORQRY (one purchase order with its lines, specs/syspro.md section 4): the request and the answer.</summary>
internal static class PorqryQuery
{
    private static readonly string[] LineOptions =
        ["IncludeStockedLines", "IncludeNonStockedLines", "IncludeFreightLines", "IncludeMiscellaneousLines", "IncludeCompletedLines"];

    public static string Build(string purchaseOrder)
    {
        var options = new XElement("Option", LineOptions.Select(o => new XElement(o, "Y")),
            new XElement("IncludeCommentLines", "N"), new XElement("IncludeGrns", "N"), new XElement("IncludeHistory", "N"));
        var document = new XDocument(new XDeclaration("1.0", "Windows-1252", null),
            new XElement("Query", new XElement("Key", new XElement("PurchaseOrder", purchaseOrder)), options));
        return document.Declaration + document.Root!.ToString(SaveOptions.DisableFormatting);
    }

    public static PurchaseOrderSummary Parse(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var root = XDocument.Load(stream).Root!;
        var lines = root.Descendants().Where(e => e.Name.LocalName == "Merchandise").ToList();
        var total = lines.Sum(l => Number(l, "Unedited_MOrderQty", "MOrderQty") * Number(l, "Unedited_MPrice", "MPrice"));
        return new PurchaseOrderSummary(
            Text(root, "SupplierName"), Text(root, "Name"), lines.Count, decimal.Round(total, 2));
    }

    private static string? Text(XElement root, string name) =>
        root.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } v ? v : null;

    // The unedited value is raw ("38400.000000"); the edited one is formatted ("38,400.000").
    private static decimal Number(XElement line, string unedited, string edited)
    {
        var text = line.Elements().FirstOrDefault(e => e.Name.LocalName == unedited)?.Value
            ?? line.Elements().FirstOrDefault(e => e.Name.LocalName == edited)?.Value ?? "0";
        return decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0m;
    }
}
