using System.Globalization;
using System.Xml.Linq;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// PORQRY: one purchase order with its lines (syspro.md section 4). The element layout follows the fields listed
/// there; the exact nesting of a real answer is an assumption.
/// </summary>
internal static class PorqryHandler
{
    public static string Handle(SysproData data, XElement query, string version)
    {
        var key = (string?)query.Element("Key")?.Element("PurchaseOrder") ?? "";
        var po = data.FindPurchaseOrder(key)
            ?? throw new ComfndException($"Purchase order '{key.Trim()}' not found.");
        var supplier = data.FindSupplier(po.Supplier);
        var buyer = data.FindBuyer(po.Buyer);
        var includeCompleted = Option(query, "IncludeCompletedLines");
        var lines = data.LinesOf(po.PurchaseOrder).Where(l => includeCompleted || l.MCompleteFlag != "Y").ToList();

        var xml = new EnetXmlWriter("PorDetail", version)
            .Element("PurchaseOrder", po.PurchaseOrder)
            .Element("Supplier", po.Supplier)
            .Element("SupplierName", supplier?.SupplierName)
            .Element("Currency", po.Currency)
            .Element("OrderStatus", po.OrderStatus)
            .Element("OrderStatusDescription", StatusDescription(po.OrderStatus))
            .Element("OrderEntryDate", Date(po.OrderEntryDate))
            .Element("OrderDueDate", Date(po.OrderDueDate))
            .Element("OrderType", po.OrderType)
            .Element("Buyer", po.Buyer)
            .Element("Name", buyer?.Name)
            .Element("AmendedCount", po.AmendedCount.ToString(CultureInfo.InvariantCulture))
            .Element("CustomForm", "");
        foreach (var line in lines)
        {
            xml.Start("PurchaseOrderLine").Start("Merchandise")
                .Element("Line", EnetFormat.Number(line.Line, 4, 0))
                .Element("LineType", line.LineType)
                .Element("MStockCode", line.MStockCode)
                .Element("MStockDes", line.MStockDes)
                .Element("MOrderQty", line.MOrderQty.ToString("N3", CultureInfo.InvariantCulture))
                .Element("Unedited_MOrderQty", line.MOrderQty.ToString("F6", CultureInfo.InvariantCulture))
                .Element("MPrice", line.MPrice.ToString("N5", CultureInfo.InvariantCulture))
                .Element("Unedited_MPrice", line.MPrice.ToString("F5", CultureInfo.InvariantCulture))
                .Element("OrderValue", (line.MOrderQty * line.MPrice).ToString("N2", CultureInfo.InvariantCulture))
                .Element("MLatestDueDate", Date(line.MLatestDueDate))
                .Element("RequisitionNo", line.MRequisition)
                .Element("RequisitionUser", line.MUserAuthReqn)
                .End("Merchandise").End("PurchaseOrderLine");
        }

        var total = lines.Sum(l => l.MOrderQty * l.MPrice);
        return xml.Start("PurchaseOrderTotals")
            .Element("NumberOfLines", lines.Count.ToString(CultureInfo.InvariantCulture))
            .Element("TotalOrderValue", total.ToString("N2", CultureInfo.InvariantCulture))
            .End("PurchaseOrderTotals")
            .Finish();
    }

    internal static string StatusDescription(string status) => status switch
    {
        "0" => "In process",
        "1" => "Ready to print",
        "4" => "Order printed",
        "9" => "Completed",
        "*" => "Cancelled",
        _ => "Unknown",
    };

    internal static bool Option(XElement query, string name) =>
        string.Equals(((string?)query.Element("Option")?.Element(name))?.Trim(), "Y", StringComparison.OrdinalIgnoreCase);

    internal static string Date(DateTimeOffset? date) => date is { } d ? EnetFormat.Date(d) : EnetFormat.NoDate;
}
