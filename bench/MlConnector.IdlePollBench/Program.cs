using System.CommandLine;
using MlConnector.Bench.Harness.Setup;
using MlConnector.IdlePollBench;
using MlConnector.Rules;

// Issue 14's benchmark (bench/README.md): `dotnet run -c Release --project bench/MlConnector.IdlePollBench` measures
// SYSPRO requests and rows per idle poll and per poll with 10 changes, snapshot diff against rowversion detection,
// with 12,000 and 100,000 purchase orders over OData; `-- --orders 12000 --transport OData Enet` for other cases.
var orders = new Option<int[]>("--orders") { Description = "Purchase orders in the SYSPRO simulator (one run each).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [12_000, 100_000] };
var transports = new Option<SysproTransport[]>("--transport") { Description = "SYSPRO transports (OData, Enet).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [SysproTransport.OData] };

var root = new RootCommand("SYSPRO requests and rows per idle poll and per poll with 10 changes, snapshot diff against rowversion detection.")
{
    orders, transports,
};
root.SetAction(async (result, ct) =>
{
    Console.WriteLine($"{TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC (machine clock); {Machine.Describe()}; load average {Machine.LoadAverage()}");
    var figures = new List<RuleFigures>();
    foreach (var count in result.GetValue(orders)!)
    {
        foreach (var transport in result.GetValue(transports)!)
        {
            foreach (var detection in new[] { Detection.SnapshotDiff(IdlePollRun.Rules), Detection.RowVersion() })
            {
                var run = await new IdlePollRun(count, transport, detection).RunAsync(ct);
                figures.AddRange(run);
                Console.WriteLine($"measured {count:N0} POs, {transport}, {detection.Name}");
            }
        }
    }

    Console.WriteLine();
    Console.WriteLine(FiguresTable.Render(figures));
    Console.WriteLine(FiguresTable.Details(figures));
    Console.WriteLine($"load average at the end: {Machine.LoadAverage()}");
    return 0;
});

return await root.Parse(args).InvokeAsync();
