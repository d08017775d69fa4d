using MlConnector.Simulators.Syspro;

namespace MlConnector.Cli;

/// <summary>Hosts the SYSPRO simulator alone, with console logs, until Ctrl+C.</summary>
internal static class SysproSimulatorHost
{
    /// <summary>The control API's routes under <c>/_sim/syspro/</c>, as printed at start.</summary>
    public static readonly string[] ControlEndpoints =
    [
        "purchase-orders[?status=&take=], purchase-orders/{po}, POST purchase-orders, POST purchase-orders/{po}/submit|approve|cancel|complete",
        "requisitions/pending, POST requisitions/{req}/{line}/approve; POST invoices; suppliers/special",
        "POST payment-runs, payment-runs/{run}, POST payment-runs/{run}/invoices, POST payment-runs/{run}/complete",
        "POST journals, journals/{year}/{period}/{journal}, POST journals/{year}/{period}/{journal}/post",
        "PATCH tables/{table} (any row change); transactions, POST transactions, POST transactions/{id}/commit, DELETE transactions/{id}",
        "paging-hooks (GET, POST, DELETE): move a row between page requests",
        "bad-answers (GET, POST, DELETE, DELETE bad-answers/{id}): wrong answers from fixed files for a span of requests",
        "faults (GET, PUT, DELETE): HTTP 500, latency; sessions (GET, DELETE expires them); POST scenario/step",
        "requests (GET counts requests and rows per transport, DELETE resets them)",
    ];

    public static async Task<int> RunAsync(SysproSimulatorOptions options, string url, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SysproSimulator).Assembly.GetName().Name,
        });
        // ASP.NET Core's request logs print query strings, and e.net query strings carry passwords and UserIds.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        builder.Services.AddSysproSimulator(options);
        await using var app = builder.Build();
        app.MapSysproSimulator();
        await app.StartAsync(cancellationToken);

        var address = SysproSimulator.BoundAddress(app);
        var noLink = options.ODataPagesWithoutNextLink ? ", no nextLink" : "";
        var scenario = options.RunScenario ? $"every {options.ScenarioInterval}" : "off (--scenario turns it on)";
        CliConsole.Out.WriteLine($"SYSPRO simulator listening on {address}");
        CliConsole.Out.WriteLine($"  e.net REST: {address}SYSPROWCFService/Rest/  Operator={options.Operator} " +
            $"OperatorPassword={options.OperatorPassword} CompanyId={options.CompanyId} CompanyPassword='{options.CompanyPassword}'");
        CliConsole.Out.WriteLine($"  OData v4  : {address}{options.ODataRoute}/  HTTP Basic {options.ODataUser} / {options.ODataPassword}, " +
            $"page cap {options.ODataPageSize}{noLink}");
        CliConsole.Out.WriteLine($"  control   : {address}_sim/syspro/  (JSON; GET / describes the state)");
        foreach (var line in ControlEndpoints)
        {
            CliConsole.Out.WriteLine($"              {line}");
        }

        var untyped = options.UntypedColumns.Count > 0 ? $", untyped in $metadata: {string.Join(", ", options.UntypedColumns)}" : "";
        CliConsole.Out.WriteLine($"  data      : {options.PurchaseOrders} purchase orders, seed {options.Seed}; scenario {scenario}");
        CliConsole.Out.WriteLine($"  site      : schema {options.Schema.ToString().ToLowerInvariant()}, keys {options.KeyStyle.ToString().ToLowerInvariant()}" +
            $"{untyped}; keyset pages {(options.IndexedPaging ? "from the key index" : "by scanning")}");
        CliConsole.Out.WriteLine("These credentials are fake. Ctrl+C stops.");
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
