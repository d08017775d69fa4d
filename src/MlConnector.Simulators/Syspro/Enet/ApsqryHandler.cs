using System.Globalization;
using System.Xml.Linq;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// APSQRY: a supplier and, with <c>IncludeInvoices</c>, its invoices (syspro.md section 4). Root <c>ApQuery</c>
/// with a <c>Supplier</c> section, as SYSPRO's output schema names them; the invoice nesting is an assumption.
/// </summary>
internal static class ApsqryHandler
{
    public static string Handle(SysproData data, XElement query, string version)
    {
        var key = (string?)query.Element("Key")?.Element("Supplier") ?? "";
        var supplier = data.FindSupplier(key) ?? throw new ComfndException($"Supplier '{key.Trim()}' not found.");
        var xml = new EnetXmlWriter("ApQuery", version)
            .Start("Supplier")
            .Element("Supplier", supplier.Supplier)
            .Element("SupplierName", supplier.SupplierName)
            .Element("SupplierClass", supplier.SupplierClass)
            .Element("Telephone", supplier.Telephone)
            .Element("Contact", supplier.Contact)
            .Element("OnHold", supplier.OnHold)
            .Element("Currency", supplier.Currency)
            .Element("Branch", supplier.Branch)
            .Element("Email", supplier.Email)
            .Element("CurrentBalance", supplier.CurrentBalance.ToString("N2", CultureInfo.InvariantCulture));
        if (PorqryHandler.Option(query, "IncludeInvoices"))
        {
            foreach (var invoice in data.ApInvoice.Snapshot().Where(i => i.Supplier == supplier.Supplier))
            {
                xml.Start("Invoice")
                    .Element("Invoice", invoice.Invoice)
                    .Element("JournalDate", PorqryHandler.Date(invoice.JournalDate))
                    .Element("Journal", EnetFormat.Number(invoice.Journal, 10, 0))
                    .Element("InvoiceDate", PorqryHandler.Date(invoice.InvoiceDate))
                    .Element("DueDate", PorqryHandler.Date(invoice.DueDate))
                    .Element("Reference", invoice.Reference)
                    .Element("OrigInvValue", invoice.OrigInvValue.ToString("N2", CultureInfo.InvariantCulture))
                    .Element("MthInvBal", invoice.MthInvBal1.ToString("N2", CultureInfo.InvariantCulture))
                    .Element("InvoiceStatus", invoice.InvoiceStatus)
                    .Element("InvoiceYear", invoice.InvoiceYear.ToString(CultureInfo.InvariantCulture))
                    .Element("InvoiceMonth", invoice.InvoiceMonth.ToString(CultureInfo.InvariantCulture))
                    .End("Invoice");
            }
        }

        return xml.End("Supplier").Finish();
    }
}
