using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using MlConnector.Simulators.Syspro;

namespace MlConnector.Benchmarks;

/// <summary>
/// The SYSPRO simulator serving one keyset page (1,000 orders in key order beyond a key in the middle of the table)
/// over real HTTP, OData and COMFND, from 20,000 or 200,000 orders, with the key index (<c>IndexedPaging</c>) on or
/// off. Target (issue 15): with the index a page costs about the same whatever the table size, so the simulator is
/// not what a 1,000,000-order comparison measures; without it, a page scans and sorts the table.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes what [GlobalSetup] made.")]
public class SysproSimulatorPagingBenchmarks
{
    private SysproSimulator _simulator = null!;
    private HttpClient _http = null!;
    private Uri _odataPage = null!;
    private Uri _comfndPage = null!;

    [Params(20_000, 200_000)]
    public int Orders { get; set; }

    [Params(true, false)]
    public bool Indexed { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var options = new SysproSimulatorOptions { PurchaseOrders = Orders, ODataPageSize = 1_000, IndexedPaging = Indexed };
        _simulator = await SysproSimulator.StartAsync(options, TimeProvider.System);
        _http = new HttpClient { BaseAddress = _simulator.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ODataUser}:{options.ODataPassword}")));
        var middle = _simulator.Data.PorMasterHdr.Snapshot()[Orders / 2].PurchaseOrder;
        _odataPage = new Uri(_simulator.ODataAddress, "PorMasterHdr?$select=PurchaseOrder,OrderStatus&$orderby=PurchaseOrder&$top=1000&$filter="
            + Uri.EscapeDataString($"PurchaseOrder gt '{middle}'"));

        var logon = await _http.GetStringAsync(new Uri(_simulator.EnetAddress,
            $"Logon?Operator={options.Operator}&OperatorPassword={options.OperatorPassword}&CompanyId={options.CompanyId}&CompanyPassword="));
        var xmlIn = "<Query><TableName>PorMasterHdr</TableName><ReturnRows>1000</ReturnRows><Columns><Column>PurchaseOrder</Column>"
            + $"<Column>OrderStatus</Column></Columns><Where><Expression><Column>PurchaseOrder</Column><Condition>GT</Condition><Value>{middle}</Value>"
            + "</Expression></Where><OrderBy><Column>PurchaseOrder</Column></OrderBy></Query>";
        _comfndPage = new Uri(_simulator.EnetAddress,
            $"Query/Query?BusinessObject=COMFND&UserId={Uri.EscapeDataString(logon)}&XmlIn={Uri.EscapeDataString(xmlIn)}");
        await ODataPageAsync(); // builds the index (on) before measuring
        await ComfndPageAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Benchmark]
    public async Task<int> ODataPageAsync() => (await _http.GetByteArrayAsync(_odataPage)).Length;

    [Benchmark]
    public async Task<int> ComfndPageAsync() => (await _http.GetByteArrayAsync(_comfndPage)).Length;
}
