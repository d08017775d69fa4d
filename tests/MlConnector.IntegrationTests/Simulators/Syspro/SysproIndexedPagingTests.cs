using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>
/// Queries ordered by the key are answered from the key index (issue 15); the answers must be exactly those of the
/// scan-and-sort path, also after changes that insert keys in the middle of the order.
/// </summary>
public sealed class SysproIndexedPagingTests(SysproIndexedPagingTests.Pair sims) : IClassFixture<SysproIndexedPagingTests.Pair>
{
    private const string Po = "000000000100153";

    public static TheoryData<string> ODataQueries() =>
    [
        $"PorMasterHdr?$orderby=PurchaseOrder&$filter=PurchaseOrder gt '{Po}' and OrderStatus eq '4'&$top=7",
        "PorMasterHdr?$orderby=PurchaseOrder&$select=PurchaseOrder,OrderStatus,TimeStamp",
        $"PorMasterHdr?$orderby=PurchaseOrder&$filter=PurchaseOrder eq '{Po}'",
        $"PorMasterHdr?$orderby=PurchaseOrder&$filter=OrderStatus eq '1' or PurchaseOrder ge '{Po}'&$count=true",
        $"PorMasterDetail?$orderby=PurchaseOrder,Line&$filter=PurchaseOrder gt '{Po}' or (PurchaseOrder eq '{Po}' and Line gt 1)&$top=11",
        "ApInvoice?$orderby=Supplier,Invoice&$filter=Supplier ge 'M'&$count=true&$top=5&$skip=2",
        "ApInvoice?$orderby=Supplier,Invoice&$select=Supplier,Invoice",
        "ReqDetail?$orderby=Requisition,Line&$skip=13&$top=4",
        "GenJournalCtl?$orderby=GlYear,GlPeriod,GlJournal&$filter=GlYear ge 2025",
        "PorMasterHdr?$orderby=PurchaseOrder desc&$top=3",
    ];

    public static TheoryData<string> ComfndQueries() =>
    [
        EnetTestClient.Comfnd("PorMasterHdr", ["PurchaseOrder", "OrderStatus"], [("OrderStatus", "EQ", "4"), ("PurchaseOrder", "GT", Po)], orderBy: "PurchaseOrder", returnRows: 9),
        EnetTestClient.Comfnd("PorMasterHdr", [], [("PurchaseOrder", "GE", "100153")], orderBy: "PurchaseOrder", returnRows: 3),
        EnetTestClient.Comfnd("ApInvoice", ["Supplier", "Invoice"], [], orderBy: "Supplier", returnRows: 20),
        """
        <Query><TableName>ApInvoice</TableName><Columns><Column>Supplier</Column><Column>Invoice</Column></Columns>
        <Where><Expression><OpenBracket>(</OpenBracket><Column>Supplier</Column><Condition>GT</Condition><Value>M</Value><CloseBracket>)</CloseBracket></Expression>
        <Expression><OpenBracket>(</OpenBracket><AndOr>Or</AndOr><Column>Supplier</Column><Condition>EQ</Condition><Value>aaa001</Value><CloseBracket/></Expression>
        <Expression><AndOr>And</AndOr><Column>Invoice</Column><Condition>GE</Condition><Value>AAA-1</Value><CloseBracket>)</CloseBracket></Expression></Where>
        <OrderBy><Column>Supplier</Column><Column>Invoice</Column></OrderBy><ReturnRows>25</ReturnRows></Query>
        """,
        """
        <Query><TableName>ReqDetail</TableName><Columns><Column>Requisition</Column><Column>Line</Column></Columns>
        <Where><Expression><Column>ReqnStatus</Column><Condition>EQ</Condition><Value> </Value></Expression></Where>
        <OrderBy><Column>Requisition</Column><Column>Line</Column></OrderBy><ReturnRows>6</ReturnRows></Query>
        """,
    ];

    [Theory]
    [MemberData(nameof(ODataQueries))]
    public async Task OData_OrderedByKey_AnswersAsTheScanDoes(string query) =>
        Assert.Equal(await ODataAsync(sims.Scanned, query), await ODataAsync(sims.Indexed, query));

    [Theory]
    [MemberData(nameof(ComfndQueries))]
    public async Task Comfnd_OrderedByKey_AnswersAsTheScanDoes(string xmlIn) =>
        Assert.Equal(await sims.Scanned.ComfndAsync(xmlIn), await sims.Indexed.ComfndAsync(xmlIn));

    private static async Task<SysproTestSimulator> StartAsync(bool indexed)
    {
        var sim = await SysproTestSimulator.StartAsync(o =>
        {
            o.PurchaseOrders = 400;
            o.ODataPageSize = 50;
            o.IndexedPaging = indexed;
        });
        var data = sim.Simulator.Data;
        _ = await sim.ODataAsync("ApInvoice?$orderby=Supplier,Invoice&$top=1"); // build the index before the changes
        _ = await sim.ComfndAsync(EnetTestClient.Comfnd("ApInvoice", ["Invoice"], [], orderBy: "Supplier", returnRows: 1));
        var supplier = data.ApSupplier.Snapshot()[3].Supplier;
        foreach (var invoice in new[] { "AAA-1", "zzz-9", "MID-5" })
        {
            data.PostSupplierInvoice(supplier, invoice, 12.34m);
        }

        data.CreatePurchaseOrder(supplier, "AB", 2, 3);
        data.UpdateRow("PorMasterHdr", [Po], new Dictionary<string, string?> { ["OrderStatus"] = "4" });
        return sim;
    }

    private static async Task<string> ODataAsync(SysproTestSimulator sim, string query)
    {
        var (status, _, body) = await sim.ODataAsync(query.Replace(" ", "%20", StringComparison.Ordinal));
        Assert.True(status == 200, body);
        return body.Replace(sim.Simulator.BaseAddress.ToString(), "http://simulator/", StringComparison.Ordinal);
    }

    /// <summary>Two simulators alike but for the index, changed alike after the index was built; queries only read.</summary>
    public sealed class Pair : IAsyncLifetime
    {
        public SysproTestSimulator Indexed { get; private set; } = null!;

        public SysproTestSimulator Scanned { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Indexed = await StartAsync(true);
            Scanned = await StartAsync(false);
        }

        public async ValueTask DisposeAsync()
        {
            await Indexed.DisposeAsync();
            await Scanned.DisposeAsync();
        }
    }
}
