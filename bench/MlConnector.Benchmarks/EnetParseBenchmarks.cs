using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Detection;
using MlConnector.Simulators.Syspro;
using MlConnector.Syspro;

namespace MlConnector.Benchmarks;

/// <summary>
/// <see cref="EnetSource.Parse"/> of one 1,000-row COMFND answer for PorMasterHdr (the e.net page size), Windows-1252
/// XML as the simulator's e.net Query/Query sends it, fetched once in setup.
/// </summary>
/// <remarks>
/// Target: under 20 ms and under 4 MB allocated for a 1,000-row page (a 20,000-row table is 20 pages, so parsing
/// stays well under a second per poll); allocations proportional to the answer's size.
/// </remarks>
[MemoryDiagnoser]
public class EnetParseBenchmarks
{
    private const int PageRows = 1_000;

    private byte[] _answer = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // the answers are Windows-1252
        await using var simulator = await SysproSimulator.StartAsync(
            new SysproSimulatorOptions { PurchaseOrders = 2 * PageRows }, TimeProvider.System);
        var options = new EnetOptions
        {
            BaseUrl = simulator.EnetAddress,
            Operator = simulator.Options.Operator,
            OperatorPassword = simulator.Options.OperatorPassword,
            CompanyId = simulator.Options.CompanyId,
            CompanyPassword = simulator.Options.CompanyPassword,
        };
        using var http = new HttpClient();
        using var session = new EnetSession(http, options, TimeProvider.System, NullLogger<EnetSession>.Instance);
        var query = new SourceQuery("PorMasterHdr",
            ["PurchaseOrder", "OrderStatus", "Supplier", "Buyer", "Currency", "OrderEntryDate", "OrderDueDate", "Warehouse", "SupplierClass"],
            [], ["PurchaseOrder"]);
        _answer = await session.QueryAsync("COMFND", ComfndQuery.Build(query, PageRows, afterKey: null), CancellationToken.None);
        await session.LogoffAsync(CancellationToken.None);

        var rows = Parse().Count;
        if (rows != PageRows)
        {
            throw new InvalidOperationException($"The COMFND answer has {rows} rows, expected {PageRows}.");
        }

        await Console.Out.WriteLineAsync($"// COMFND answer: {_answer.Length / 1024:N0} KB for {PageRows} rows");
    }

    [Benchmark(Description = "COMFND 1,000 rows")]
    public List<SourceRow> Parse() => EnetSource.Parse(_answer, "PorMasterHdr");
}
