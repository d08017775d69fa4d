using System.Text.Json;
using System.Xml.Linq;
using MlConnector.Simulators.Syspro.Schema;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>The minimal schema profile and partial <c>$metadata</c>, over real HTTP (issues 12 and 14).</summary>
public sealed class SysproSchemaProfileTests(SysproSchemaProfileTests.Profiles profiles) : IClassFixture<SysproSchemaProfileTests.Profiles>
{
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    [Fact]
    public async Task Metadata_MinimalProfile_LeavesOutHiddenColumnsAndInvBuyer()
    {
        var sim = profiles.Minimal;
        var (status, _, body) = await sim.ODataAsync("$metadata");
        Assert.Equal(200, status);
        var doc = XDocument.Parse(body);
        Assert.Equal(["OrderStatus", "Supplier", "Buyer"], Properties(doc, "PorMasterHdr").Intersect(["OrderStatus", "Supplier", "Buyer", "Warehouse", "SupplierClass"]));
        Assert.DoesNotContain("StockCode", Properties(doc, "ReqDetail"));
        Assert.DoesNotContain("StockDescription", Properties(doc, "ReqDetail"));
        Assert.Contains("ReqnStatus", Properties(doc, "ReqDetail"));
        var sets = doc.Descendants(Edm + "EntitySet").Select(e => (string)e.Attribute("Name")!).ToList();
        Assert.DoesNotContain("InvBuyer", sets);
        Assert.Contains("PorMasterHdr", sets);
    }

    [Fact]
    public async Task Query_MinimalProfileUnknownSelectOrFilterColumn_Answers400WithODataError()
    {
        var sim = profiles.Minimal;

        var select = await sim.ODataAsync("PorMasterHdr?$select=PurchaseOrder,Warehouse");
        Assert.Equal(400, select.Status);
        Assert.StartsWith("application/json; odata.metadata=minimal", select.ContentType, StringComparison.Ordinal);
        Assert.Equal(
            """{"error":{"code":"400","message":"Could not find a property named 'Warehouse' on type 'SYSPRO.PorMasterHdr'."}}""",
            select.Body);

        var filter = await sim.ODataAsync("ReqDetail?$filter=" + Uri.EscapeDataString("StockDescription eq 'Bolt'"));
        Assert.Equal(400, filter.Status);
        Assert.Equal(
            """{"error":{"code":"400","message":"Could not find a property named 'StockDescription' on type 'SYSPRO.ReqDetail'."}}""",
            filter.Body);
    }

    [Fact]
    public async Task Query_MinimalProfile_RowsLackHiddenColumnsAndInvBuyerIs404()
    {
        var sim = profiles.Minimal;
        var (status, _, body) = await sim.ODataAsync("PorMasterHdr?$top=1");
        Assert.Equal(200, status);
        var row = JsonDocument.Parse(body).RootElement.GetProperty("value")[0];
        Assert.True(row.TryGetProperty("OrderStatus", out _));
        Assert.False(row.TryGetProperty("Warehouse", out _));
        Assert.False(row.TryGetProperty("SupplierClass", out _));

        Assert.Equal(404, (await sim.ODataAsync("InvBuyer")).Status);
    }

    [Fact]
    public async Task Comfnd_MinimalProfile_UnknownColumnOrTableAnswersErrorText()
    {
        var sim = profiles.Minimal;
        Assert.Equal("ERROR: Column 'Warehouse' is not in table 'PorMasterHdr'.",
            await sim.ComfndAsync(EnetTestClient.Comfnd("PorMasterHdr", ["PurchaseOrder", "Warehouse"], [], returnRows: 1)));
        Assert.Equal("ERROR: Column 'StockCode' is not in table 'ReqDetail'.",
            await sim.ComfndAsync(EnetTestClient.Comfnd("ReqDetail", ["Requisition"], [("StockCode", "EQ", "A")], returnRows: 1)));
        Assert.Equal("ERROR: Table 'InvBuyer' is not available to COMFND.",
            await sim.ComfndAsync(EnetTestClient.Comfnd("InvBuyer", ["Buyer"], [], returnRows: 1)));

        var all = XDocument.Parse(await sim.ComfndAsync(EnetTestClient.Comfnd("ReqDetail", [], [], returnRows: 1)));
        var columns = all.Root!.Element("Row")!.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.Contains("ReqnStatus", columns);
        Assert.DoesNotContain("StockCode", columns);
        Assert.DoesNotContain("StockDescription", columns);
    }

    [Fact]
    public async Task FullProfile_HiddenColumnsAndInvBuyer_AreServed()
    {
        await using var sim = await SysproTestSimulator.StartAsync();
        Assert.Equal(200, (await sim.ODataAsync("PorMasterHdr?$select=Warehouse,SupplierClass&$top=1")).Status);
        Assert.Equal(200, (await sim.ODataAsync("InvBuyer")).Status);
        Assert.StartsWith("<?xml", await sim.ComfndAsync(EnetTestClient.Comfnd("ReqDetail", ["StockCode"], [], returnRows: 1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_UntypedColumn_IsLeftOutOfAnOpenTypeButRowsCarryIt()
    {
        var sim = profiles.Untyped;
        var doc = XDocument.Parse((await sim.ODataAsync("$metadata")).Body);
        var invoice = EntityType(doc, "ApInvoice");
        Assert.Equal("true", (string?)invoice.Attribute("OpenType"));
        Assert.DoesNotContain("Journal", Properties(doc, "ApInvoice"));
        Assert.Contains("JournalDate", Properties(doc, "ApInvoice"));
        Assert.Null((string?)EntityType(doc, "PorMasterHdr").Attribute("OpenType"));

        var (status, _, body) = await sim.ODataAsync("ApInvoice?$top=1");
        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Number, JsonDocument.Parse(body).RootElement.GetProperty("value")[0].GetProperty("Journal").ValueKind);
    }

    [Fact]
    public async Task Filter_UntypedNumericColumnWithQuotedLiteral_Answers400ButUnquotedWorks()
    {
        var sim = profiles.Untyped;
        var quoted = await sim.ODataAsync("ApInvoice?$filter=" + Uri.EscapeDataString("Journal gt '0'"));
        Assert.Equal(400, quoted.Status);
        Assert.StartsWith("""{"error":{"code":"400","message":"A binary operator with incompatible types""", quoted.Body, StringComparison.Ordinal);

        var unquoted = await sim.ODataAsync("ApInvoice?$filter=" + Uri.EscapeDataString("Journal gt 0") + "&$count=true");
        Assert.Equal(200, unquoted.Status);
        Assert.Equal(sim.Simulator.Data.ApInvoice.Count, JsonDocument.Parse(unquoted.Body).RootElement.GetProperty("@odata.count").GetInt32());
    }

    private static XElement EntityType(XDocument doc, string name) =>
        doc.Descendants(Edm + "EntityType").Single(e => (string?)e.Attribute("Name") == name);

    private static List<string> Properties(XDocument doc, string type) =>
        [.. EntityType(doc, type).Elements(Edm + "Property").Select(p => (string)p.Attribute("Name")!)];

    /// <summary>A minimal-schema simulator and one with an untyped column, shared: these tests only read.</summary>
    public sealed class Profiles : IAsyncLifetime
    {
        public SysproTestSimulator Minimal { get; private set; } = null!;

        public SysproTestSimulator Untyped { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Minimal = await SysproTestSimulator.StartAsync(o => o.Schema = SysproSchemaProfile.Minimal);
            Untyped = await SysproTestSimulator.StartAsync(o => o.UntypedColumns.Add("ApInvoice.Journal"));
        }

        public async ValueTask DisposeAsync()
        {
            await Minimal.DisposeAsync();
            await Untyped.DisposeAsync();
        }
    }
}
