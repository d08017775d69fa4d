using System.Xml.Linq;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// Setup/Add with INVSWS (add a stock item to a warehouse), validation only: it answers like the recorded exchange,
/// with error 240004 for an unknown stock code, and never changes data. The lower-case element names are SYSPRO's.
/// </summary>
internal static class InvswsHandler
{
    public static string Handle(SysproData data, XElement document, string version)
    {
        var items = document.Elements("Item").ToList();
        var xml = new EnetXmlWriter("setupinvwarehouse", version);
        var invalid = 0;
        foreach (var item in items)
        {
            var stockCode = ((string?)item.Element("Key")?.Element("StockCode"))?.Trim() ?? "";
            var warehouse = ((string?)item.Element("Key")?.Element("Warehouse"))?.Trim() ?? "";
            xml.Start("item").Start("key").Element("stockcode", stockCode).Element("warehouse", warehouse).End("key");
            if (data.InvMaster.Find(stockCode) is null)
            {
                invalid++;
                xml.Start("stockcode")
                    .Element("Value", stockCode)
                    .Element("ErrorNumber", "240004")
                    .Element("ErrorDescription", $"Stock code '{stockCode}' not found")
                    .End("stockcode");
            }

            xml.End("item");
        }

        return xml.Start("StatusOfItems")
            .Element("RecordsRead", items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Element("RecordsInvalid", invalid.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .End("StatusOfItems")
            .Finish();
    }
}
