using System.CommandLine;
using MlConnector.Simulators.Syspro;

namespace MlConnector.Cli;

/// <summary><c>ml-connector simulate syspro</c>: the SYSPRO simulator alone (e.net REST, OData, control API).</summary>
internal static class SimulateSysproCommand
{
    private static readonly SysproSimulatorOptions Defaults = new();

    private static readonly Option<int> Port = new("--port")
    {
        Description = "Port to listen on (0 picks a free port).", DefaultValueFactory = _ => 5082,
    };

    private static readonly Option<string> Host = new("--host")
    {
        Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1",
    };

    private static readonly Option<string?> Urls = SimulatorUrls.Option();

    private static readonly Option<string> Operator = Text("--operator", "e.net operator code.", Defaults.Operator);
    private static readonly Option<string> OperatorPassword = Text("--operator-password", "e.net operator password.", Defaults.OperatorPassword);
    private static readonly Option<string> Company = Text("--company", "SYSPRO company id.", Defaults.CompanyId);
    private static readonly Option<string> CompanyPassword = Text("--company-password", "Company password.", Defaults.CompanyPassword);
    private static readonly Option<string> ODataUser = Text("--odata-user", "OData HTTP Basic user.", Defaults.ODataUser);
    private static readonly Option<string> ODataPassword = Text("--odata-password", "OData HTTP Basic password.", Defaults.ODataPassword);

    private static readonly Option<int> PurchaseOrders = new("--purchase-orders")
    {
        Description = "Purchase orders to generate.", DefaultValueFactory = _ => Defaults.PurchaseOrders,
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed of the generated data and the scenario.", DefaultValueFactory = _ => Defaults.Seed,
    };

    private static readonly Option<TimeSpan> IdleTimeout = new("--idle-timeout")
    {
        Description = "e.net session idle timeout (hh:mm:ss).", DefaultValueFactory = _ => Defaults.IdleTimeout,
    };

    private static readonly Option<int> PageSize = new("--odata-page-size")
    {
        Description = "OData server page cap.", DefaultValueFactory = _ => Defaults.ODataPageSize,
    };

    private static readonly Option<bool> NoNextLink = new("--odata-no-next-link")
    {
        Description = "Cap OData pages without @odata.nextLink (clients must page with $skip).",
    };

    private static readonly Option<bool> Scenario = new("--scenario")
    {
        Description = "Make business changes on the clock: submit and approve POs, approve requisitions, post invoices.",
    };

    private static readonly Option<TimeSpan> ScenarioInterval = new("--scenario-interval")
    {
        Description = "Time between scenario steps (hh:mm:ss).", DefaultValueFactory = _ => Defaults.ScenarioInterval,
    };

    public static Command Create()
    {
        var command = new Command("syspro",
            "Run the SYSPRO simulator: e.net REST at /SYSPROWCFService/Rest, OData v4 at /odata and a JSON control API " +
            "at /_sim/syspro, over one seeded data set. The credentials are fake and printed at start. Ctrl+C stops it.")
        {
            Port, Host, Urls, Operator, OperatorPassword, Company, CompanyPassword, ODataUser, ODataPassword,
            PurchaseOrders, Seed, IdleTimeout, PageSize, NoNextLink, Scenario, ScenarioInterval,
        };
        command.SetAction((ParseResult result, CancellationToken ct) => StartupErrors.GuardAsync(async () =>
        {
            Hosting.ListeningAddresses.Check(SimulatorUrls.Of(result, Urls, Host, Port));
            var options = new SysproSimulatorOptions
            {
                Operator = result.GetValue(Operator)!,
                OperatorPassword = result.GetValue(OperatorPassword)!,
                CompanyId = result.GetValue(Company)!,
                CompanyPassword = result.GetValue(CompanyPassword) ?? "",
                ODataUser = result.GetValue(ODataUser)!,
                ODataPassword = result.GetValue(ODataPassword)!,
                PurchaseOrders = result.GetValue(PurchaseOrders),
                Seed = result.GetValue(Seed),
                IdleTimeout = result.GetValue(IdleTimeout),
                ODataPageSize = result.GetValue(PageSize),
                ODataPagesWithoutNextLink = result.GetValue(NoNextLink),
                RunScenario = result.GetValue(Scenario),
                ScenarioInterval = result.GetValue(ScenarioInterval),
            };
            return await SysproSimulatorHost.RunAsync(options, SimulatorUrls.Of(result, Urls, Host, Port), ct);
        }));
        return command;
    }

    private static Option<string> Text(string name, string description, string defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}
