using System.Xml.Linq;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

[Collection(SysproSharedGroup.Name)]
public sealed class SysproEnetTests(SysproSimulatorFixture fixture)
{
    private const string SessionInvalid =
        "ERROR: The supplied UserID is invalid. Either you were not logged in; or your session has expired. You will need to logon again.";

    [Fact]
    public async Task Logon_GoodCredentials_ReturnsPaddedUserIdAsOctetStream()
    {
        var reply = await fixture.Enet.LogonAsync();
        Assert.Equal(200, reply.Status);
        Assert.Equal("application/octet-stream", reply.ContentType);
        Assert.Equal(36, reply.Bytes.Length);
        Assert.Matches("^[0-9A-F]{32}00  $", reply.Text);
    }

    [Fact]
    public async Task Logon_BadPassword_ReturnsRecordedErrorWithHttp200()
    {
        var reply = await fixture.Enet.LogonAsync("bad_password");
        Assert.Equal(200, reply.Status);
        Assert.Equal("ERROR: Invalid operator password", reply.Text);
    }

    [Fact]
    public async Task Query_UserIdWithOrWithoutPadding_IsAccepted()
    {
        var userId = await fixture.Enet.LogonUserIdAsync();
        var xml = EnetTestClient.Comfnd("InvBuyer", ["Buyer"], [], returnRows: 1);
        Assert.StartsWith("<?xml", (await fixture.Enet.QueryAsync(userId, "COMFND", xml)).Text, StringComparison.Ordinal);
        Assert.StartsWith("<?xml", (await fixture.Enet.QueryAsync(userId.Trim(), "COMFND", xml)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paths_AnyCase_AreServed()
    {
        Assert.Equal("8.0.0.0", (await fixture.Enet.GetAsync("getversion")).Text);
        Assert.Equal("8.0.0.0", (await fixture.Enet.GetAsync("GETVERSION")).Text);
    }

    [Fact]
    public async Task Query_UnknownBusinessObject_ReturnsEnetException100000()
    {
        var userId = await fixture.Enet.LogonUserIdAsync();
        var reply = await fixture.Enet.QueryAsync(userId, "ARSPAY", "<Query/>");
        Assert.Equal("e.net exception 100000", reply.Text);
    }

    [Theory]
    [InlineData("O'Brien & Sons")]
    [InlineData("Müller Großhandel")]
    [InlineData("Café Société")]
    [InlineData("Peña <Fasteners> & Co")]
    public async Task Comfnd_WhereSupplierNameWithSpecialCharacters_ReturnsThatSupplierAsWindows1252(string name)
    {
        var userId = await fixture.Enet.LogonUserIdAsync();
        var reply = await fixture.Enet.QueryAsync(userId, "COMFND",
            EnetTestClient.Comfnd("ApSupplier", ["Supplier", "SupplierName"], [("SupplierName", "EQ", name)]));

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"Windows-1252\"?>", reply.Text, StringComparison.Ordinal);
        var doc = XDocument.Parse(reply.Text);
        var row = Assert.Single(doc.Root!.Elements("Row"));
        Assert.Equal(name, row.Element("SupplierName")!.Value);
        Assert.Equal("       1", doc.Root.Element("RowsReturned")!.Value);
        // True Windows-1252 bytes: each of these letters is one byte, not a UTF-8 pair.
        Assert.Equal(EnetTestClient.Windows1252.GetBytes(reply.Text), reply.Bytes);
    }

    [Fact]
    public async Task Comfnd_KeysetPaging_ReturnsEveryOpenOrderOnce()
    {
        var userId = await fixture.Enet.LogonUserIdAsync();
        var expected = fixture.Simulator.Data.PurchaseOrdersInStatus("0").Select(p => p.PurchaseOrder).ToList();
        var seen = new List<string>();
        var last = "";
        while (true)
        {
            var reply = await fixture.Enet.QueryAsync(userId, "COMFND", EnetTestClient.Comfnd(
                "PorMasterHdr", ["PurchaseOrder", "OrderStatus", "OrderEntryDate", "DatePoCompleted"],
                [("OrderStatus", "EQ", "0"), ("PurchaseOrder", "GT", last)], orderBy: "PurchaseOrder", returnRows: 100));
            var rows = XDocument.Parse(reply.Text).Root!.Elements("Row").ToList();
            if (rows.Count == 0) break;
            Assert.All(rows, r => Assert.Equal("0000-00-00", r.Element("DatePoCompleted")!.Value));
            Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d\d-\d\d$", r.Element("OrderEntryDate")!.Value));
            seen.AddRange(rows.Select(r => r.Element("PurchaseOrder")!.Value));
            last = seen[^1];
        }

        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("NE", "9")]
    [InlineData("LT", "4")]
    [InlineData("LE", "1")]
    [InlineData("GE", "4")]
    public async Task Comfnd_ComparisonOperators_FilterAsSql(string condition, string value)
    {
        var userId = await fixture.Enet.LogonUserIdAsync();
        var reply = await fixture.Enet.QueryAsync(userId, "COMFND",
            EnetTestClient.Comfnd("PorMasterHdr", ["OrderStatus"], [("OrderStatus", condition, value)]));
        var statuses = XDocument.Parse(reply.Text).Root!.Elements("Row").Select(r => r.Element("OrderStatus")!.Value).ToList();
        var expected = fixture.Simulator.Data.PorMasterHdr.Snapshot().Count(p =>
        {
            var c = string.CompareOrdinal(p.OrderStatus, value);
            return condition switch { "NE" => c != 0, "LT" => c < 0, "LE" => c <= 0, _ => c >= 0 };
        });
        Assert.Equal(expected, statuses.Count);
    }

    [Fact]
    public async Task Porqry_ExistingOrder_ReturnsHeaderLinesAndTotals()
    {
        var userId = await fixture.Enet.LogonUserIdAsync();
        var po = fixture.Simulator.Data.PurchaseOrdersInStatus("1").First();
        var reply = await fixture.Enet.QueryAsync(userId, "PORQRY",
            $"<Query><Key><PurchaseOrder>{po.PurchaseOrder.TrimStart('0')}</PurchaseOrder></Key><Option><IncludeCompletedLines>Y</IncludeCompletedLines></Option></Query>");
        var root = XDocument.Parse(reply.Text).Root!;
        Assert.Equal("PorDetail", root.Name.LocalName);
        Assert.Equal(po.PurchaseOrder, root.Element("PurchaseOrder")!.Value);
        Assert.Equal("Ready to print", root.Element("OrderStatusDescription")!.Value);
        Assert.Equal(fixture.Simulator.Data.LinesOf(po.PurchaseOrder).Count(), root.Elements("PurchaseOrderLine").Count());
    }

    [Fact]
    public async Task Apsqry_SupplierWithApostrophe_ReturnsInvoices()
    {
        var userId = await fixture.Enet.LogonUserIdAsync();
        var supplier = fixture.Simulator.Data.SupplierNamed("O'Brien & Sons");
        var reply = await fixture.Enet.QueryAsync(userId, "APSQRY",
            $"<Query><Key><Supplier>{supplier.Supplier}</Supplier></Key><Option><IncludeInvoices>Y</IncludeInvoices></Option></Query>");
        var root = XDocument.Parse(reply.Text).Root!;
        Assert.Equal("O'Brien & Sons", root.Element("Supplier")!.Element("SupplierName")!.Value);
        Assert.Equal(
            fixture.Simulator.Data.ApInvoice.Snapshot().Count(i => i.Supplier == supplier.Supplier),
            root.Element("Supplier")!.Elements("Invoice").Count());
    }

    [Fact]
    public async Task Query_NeverLoggedOnUserId_ReturnsSessionInvalidText()
    {
        var reply = await fixture.Enet.QueryAsync("0123456789ABCDEF0123456789ABCDEF00", "COMFND", "<Query/>");
        Assert.Equal(SessionInvalid, reply.Text);
        Assert.Equal(SysproKeys.PurchaseOrderWidth, fixture.Simulator.Data.PorMasterHdr.Snapshot()[0].PurchaseOrder.Length);
    }
}
