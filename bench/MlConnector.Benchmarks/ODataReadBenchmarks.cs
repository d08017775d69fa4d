using BenchmarkDotNet.Attributes;
using MlConnector.Simulators.Syspro;
using MlConnector.Syspro;

namespace MlConnector.Benchmarks;

/// <summary>
/// <see cref="ODataSource.ReadAsync"/> reading every PorMasterHdr row (the po-submitted columns) from the SYSPRO
/// simulator, with 1,000 or 5,000 rows a page, from a 5,000- or 20,000-order table.
/// </summary>
/// <remarks>
/// <para>"replayed": the simulator's answers are recorded once in setup and served from memory, so the time and
/// allocations are the connector's alone (the simulator runs in this process, and MemoryDiagnoser counts the whole
/// process). "over loopback": real HTTP to the simulator, its serialisation included; for the wall time only.</para>
/// <para>Target: page-bounded parsing. Allocated bytes per row stay the same whatever the table size and page size
/// (within about 10%), and the live heap does not grow with the table during a read: setup prints "live heap growth"
/// (a full GC at the start of every page, the most seen above the level before the read; the page buffers come from
/// ArrayPool and are reused, so they are in that level already) and the largest page answer, which bounds them.</para>
/// </remarks>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes what [GlobalSetup] made.")]
public class ODataReadBenchmarks
{
    private static readonly SourceQuery Query = new("PorMasterHdr",
        ["PurchaseOrder", "OrderStatus", "Supplier", "Buyer", "Currency", "OrderEntryDate", "OrderDueDate", "Warehouse", "SupplierClass"],
        [], ["PurchaseOrder"]);

    private SysproSimulator _simulator = null!;
    private HttpClient _liveHttp = null!;
    private ODataSource _live = null!;
    private HttpClient _replayHttp = null!;
    private ODataSource _replay = null!;

    [Params(5_000, 20_000)]
    public int Rows { get; set; }

    [Params(1_000, 5_000)]
    public int PageSize { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _simulator = await SysproSimulator.StartAsync(new SysproSimulatorOptions { PurchaseOrders = Rows }, TimeProvider.System);
        var options = new ODataSourceOptions
        {
            BaseUrl = _simulator.ODataAddress,
            Username = _simulator.Options.ODataUser,
            Password = _simulator.Options.ODataPassword,
            PageSize = PageSize,
        };
        _liveHttp = new HttpClient();
        _live = new ODataSource(_liveHttp, options);

        var recorder = new RecordingHandler(new HttpClientHandler());
        using (var recordingHttp = new HttpClient(recorder))
        using (var recording = new ODataSource(recordingHttp, options))
        {
            var read = await CountAsync(recording);
            if (read != Rows)
            {
                throw new InvalidOperationException($"Read {read} rows, expected {Rows}.");
            }
        }

        _replayHttp = new HttpClient(new ReplayHandler(recorder.Answers));
        _replay = new ODataSource(_replayHttp, options);
        await CountAsync(_replay); // fetches $metadata once, as a long-running poller would have
        await Console.Out.WriteLineAsync($"// {Rows} rows, page {PageSize}: live heap growth {await LiveHeapGrowthAsync(_replay) / 1024:N0} KB, "
            + $"largest page answer {recorder.Answers.Values.Max(a => a.Body.Length) / 1024:N0} KB");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _replay.Dispose();
        _replayHttp.Dispose();
        _live.Dispose();
        _liveHttp.Dispose();
        await _simulator.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "replayed")]
    public Task<int> ReadAllReplayed() => CountAsync(_replay);

    [Benchmark(Description = "over loopback")]
    public Task<int> ReadAllOverLoopback() => CountAsync(_live);

    private static async Task<int> CountAsync(ODataSource source)
    {
        var rows = 0;
        await foreach (var row in source.ReadAsync(Query, CancellationToken.None))
        {
            rows += row.Values.Count > 0 ? 1 : 0;
        }

        return rows;
    }

    // Rows are dropped as they are read (as the detector's caller would after fingerprinting them), so whatever stays
    // live during the read is the source's own: the current page.
    private async Task<long> LiveHeapGrowthAsync(ODataSource source)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        var rows = 0;
        await foreach (var _ in source.ReadAsync(Query, CancellationToken.None))
        {
            if (rows++ % PageSize == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }

        return peak;
    }
}
