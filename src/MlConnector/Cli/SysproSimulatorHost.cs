using MlConnector.Simulators.Syspro;

namespace MlConnector.Cli;

/// <summary>Hosts the SYSPRO simulator alone, with console logs, until Ctrl+C.</summary>
internal static class SysproSimulatorHost
{
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
        CliConsole.Out.WriteLine($"  control   : {address}_sim/syspro/  (JSON: purchase-orders/{{po}}/submit|approve|cancel, " +
            "requisitions/{req}/{line}/approve, invoices, faults, sessions)");
        CliConsole.Out.WriteLine($"  data      : {options.PurchaseOrders} purchase orders, seed {options.Seed}; scenario {scenario}");
        CliConsole.Out.WriteLine("These credentials are fake. Ctrl+C stops.");
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
