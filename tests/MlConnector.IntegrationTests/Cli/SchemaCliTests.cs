using MlConnector.Cli;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Schema;

namespace MlConnector.IntegrationTests.Cli;

/// <summary>
/// <c>ping</c> and <c>config validate</c> check each rule's table and columns against SYSPRO (issue 12, seen 2), here a
/// site with the minimal schema: no PorMasterHdr.Warehouse or SupplierClass, no ReqDetail.StockCode or
/// StockDescription, no InvBuyer.
/// </summary>
public sealed class SchemaCliTests : IAsyncLifetime
{
    private readonly TestHostBuilder _host = new();
    private SysproSimulator _syspro = null!;

    public async ValueTask InitializeAsync() =>
        _syspro = await SysproSimulator.StartAsync(new SysproSimulatorOptions { PurchaseOrders = 200, Schema = SysproSchemaProfile.Minimal },
            TimeProvider.System, "http://127.0.0.1:0", TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _syspro.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Ping_NamesEachRuleWhoseTableOrRequiredColumnIsMissing_AndPassesTheOthersWithAWarningPerDroppedColumn()
    {
        var result = await CliRunner.RunAsync(_host.Root, Rules(_host.WithSyspro(_syspro)).Environment, "ping");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"SYSPRO OData\s+PASS", result.Output);
        Assert.Matches(@"SYSPRO e.net\s+PASS", result.Output);
        Assert.Matches(@"rule po-submitted\s+PASS  PorMasterHdr over OData: one row read, every required column is there; " +
            "optional column\\(s\\) dropped: Warehouse, SupplierClass", result.Output);
        Assert.Contains("warning: rule po-submitted: SYSPRO's PorMasterHdr has no column Warehouse; the rule runs without it",
            result.Output, StringComparison.Ordinal);
        Assert.Contains("warning: rule po-submitted: SYSPRO's PorMasterHdr has no column SupplierClass;", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"rule po-by-warehouse\s+FAIL  table PorMasterHdr \(OData\) has no column Warehouse \(its RouteBy column\)\.", result.Output);
        Assert.Matches(@"rule po-class\s+FAIL  table PorMasterHdr \(e.net COMFND\) has no column SupplierClass \(its Filter column\)\.", result.Output);
        Assert.Matches(@"rule requisition-approved\s+PASS  ReqDetail over Enet: .*dropped: StockCode, StockDescription", result.Output);
        Assert.Matches(@"rule buyers\s+FAIL  SYSPRO has no table InvBuyer \(OData\)\.", result.Output);
        Assert.Equal(0, _syspro.OpenSessions);
    }

    [Fact]
    public async Task ConfigValidate_SysproReachable_FailsNamingRuleTableAndColumn()
    {
        var result = await CliRunner.RunAsync(_host.Root, Rules(_host.WithSyspro(_syspro)).Environment, "config", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Rules:po-by-warehouse: table PorMasterHdr (OData) has no column Warehouse (its RouteBy column).", result.Error, StringComparison.Ordinal);
        Assert.Contains("Rules:po-class: table PorMasterHdr (e.net COMFND) has no column SupplierClass (its Filter column).", result.Error, StringComparison.Ordinal);
        Assert.Contains("Rules:buyers: SYSPRO has no table InvBuyer (OData).", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("po-submitted", result.Error, StringComparison.Ordinal);
        Assert.Contains("warning: rule po-submitted: SYSPRO's PorMasterHdr has no column Warehouse;", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, _syspro.OpenSessions);
    }

    [Fact]
    public async Task ConfigValidate_SysproUnreachable_SaysTheSchemaWasNotChecked_AndPasses()
    {
        var unreachable = Rules(_host.WithSyspro(_syspro))
            .With("Syspro:OData:BaseUrl", "http://127.0.0.1:9/odata/")
            .With("Syspro:Enet:BaseUrl", "http://127.0.0.1:9/SYSPROWCFService/Rest/");

        var result = await CliRunner.RunAsync(_host.Root, unreachable.Environment, "config", "validate");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("rule po-by-warehouse: the SYSPRO schema was not checked (SYSPRO did not answer", result.Output, StringComparison.Ordinal);
        Assert.Contains("rule po-class: the SYSPRO schema was not checked", result.Output, StringComparison.Ordinal);
        Assert.Contains("Configuration is valid: 5 rule(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("SYSPRO schema checked for 0 of them", result.Output, StringComparison.Ordinal);
    }

    private TestHostBuilder Rules(TestHostBuilder host) => host
        .With("Syspro:Enet:ProbeOperator", _syspro.Options.Operator)
        .With("Syspro:Enet:ProbeOperatorPassword", _syspro.Options.OperatorPassword)
        .WithPerson("approver", "Alex Approver", "+15550100001", "approvers")
        .With("Directory:Routes:Warehouse:FG", "approver")
        .WithRuleTexting("po-submitted", "approvers")
        .With("Rules:po-by-warehouse:Preset", "po-submitted")
        .With("Rules:po-by-warehouse:Recipients:RouteBy:0", "Warehouse")
        .With("Rules:po-class:Preset", "po-approved")
        .With("Rules:po-class:Transport", "Enet")
        .With("Rules:po-class:Filter:0", "OrderStatus in 0,1,4")
        .With("Rules:po-class:Filter:1", "SupplierClass eq A")
        .WithRuleTexting("po-class", "approvers")
        .With("Rules:requisition-approved:Transport", "Enet")
        .WithRuleTexting("requisition-approved", "approvers")
        .With("Rules:buyers:Table", "InvBuyer")
        .With("Rules:buyers:KeyColumns:0", "Buyer")
        .With("Rules:buyers:Columns:0", "Name")
        .With("Rules:buyers:Transitions:0", "new")
        .With("Rules:buyers:Template", "New buyer {{ Name }}")
        .WithRuleTexting("buyers", "approvers");
}
