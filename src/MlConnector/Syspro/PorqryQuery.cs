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

    /// <summary>
    /// Reads a PORQRY answer after checking its shape: XML, a <c>PorDetail</c> root about the purchase order asked for,
    /// numbers that read as numbers. Anything else throws a <see cref="SysproAnswerException"/> naming PORQRY and the key.
    /// </summary>
    public static PurchaseOrderSummary Parse(byte[] bytes, string purchaseOrder)
    {
        XElement root;
        try
        {
            using var stream = new MemoryStream(bytes);
            root = XDocument.Load(stream).Root!;
        }
        catch (System.Xml.XmlException e)
        {
            throw new SysproAnswerException("PORQRY", purchaseOrder, null, $"the answer is not XML ({e.Message}).", e);
        }

        if (!root.Name.LocalName.Equals("PorDetail", StringComparison.OrdinalIgnoreCase))
        {
            throw new SysproAnswerException("PORQRY", purchaseOrder, null, $"the answer is <{root.Name.LocalName}>, not <PorDetail>.");
        }

        var answered = Text(root, "PurchaseOrder");
        if (answered is null || !answered.Equals(purchaseOrder.Trim(), StringComparison.Ordinal))
        {
            throw new SysproAnswerException("PORQRY", purchaseOrder, "PurchaseOrder",
                answered is null ? "the answer names no purchase order." : $"the answer is about purchase order {answered}.");
        }

        var lines = root.Descendants().Where(e => e.Name.LocalName == "Merchandise").ToList();
        var total = lines.Sum(l => Number(l, "Unedited_MOrderQty", "MOrderQty", purchaseOrder) * Number(l, "Unedited_MPrice", "MPrice", purchaseOrder));
        return new PurchaseOrderSummary(
            Text(root, "SupplierName"), Text(root, "Name"), lines.Count, decimal.Round(total, 2));
    }

    private static string? Text(XElement root, string name) =>
        root.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } v ? v : null;

    // The unedited value is raw ("38400.000000"); the edited one is formatted ("38,400.000").
    private static decimal Number(XElement line, string unedited, string edited, string purchaseOrder)
    {
        var text = line.Elements().FirstOrDefault(e => e.Name.LocalName == unedited)?.Value
            ?? line.Elements().FirstOrDefault(e => e.Name.LocalName == edited)?.Value
            ?? throw new SysproAnswerException("PORQRY", purchaseOrder, edited, "a line has no quantity or price.");
        return decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SysproAnswerException("PORQRY", purchaseOrder, edited, $"'{text}' is not a number.");
    }
}
