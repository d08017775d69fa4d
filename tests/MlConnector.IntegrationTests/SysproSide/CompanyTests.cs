using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>Two SYSPRO companies in one deployment: each with its own credentials, transport and rules.</summary>
public sealed class CompanyTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TwoCompanies_RulesRunSideBySide_AndTheirAlertsStayApart(string store)
    {
        await using var database = store == "postgres" ? await PostgresTestDatabase.CreateAsync() : null;
        var time = SysproSideHarness.NewClock();
        var eastOptions = new SysproSimulatorOptions { PurchaseOrders = 1000, Seed = 7, Operator = "EASTOPS", OperatorPassword = "east-secret" };
        await using var east = await SysproSimulator.StartAsync(eastOptions, time, "http://127.0.0.1:0", TestContext.Current.CancellationToken);
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, time: time,
            postgresConnectionString: database?.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Companies:east:Name"] = "East Coast Distribution",
            ["Companies:east:Syspro:Transport"] = "Enet",
            ["Companies:east:Syspro:Enet:BaseUrl"] = east.EnetAddress.AbsoluteUri,
            ["Companies:east:Syspro:Enet:Operator"] = eastOptions.Operator,
            ["Companies:east:Syspro:Enet:OperatorPassword"] = eastOptions.OperatorPassword,
            ["Companies:east:Syspro:Enet:CompanyId"] = eastOptions.CompanyId,
            ["Rules:east-po-submitted:Preset"] = RulePresets.PoSubmitted,
            ["Rules:east-po-submitted:Company"] = "east",
            ["Rules:east-po-submitted:Recipients:People:0"] = "buyer",
        });
        await harness.PollAsync(RulePresets.PoSubmitted);
        await harness.PollAsync("east-po-submitted");
        var westPo = harness.Simulator.Data.PurchaseOrdersInStatus("0").First().PurchaseOrder;
        var eastPo = east.Data.PurchaseOrdersInStatus("0").Skip(3).First().PurchaseOrder;

        harness.Simulator.Data.SubmitPurchaseOrder(westPo);
        east.Data.SubmitPurchaseOrder(eastPo);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.PollAsync(RulePresets.PoSubmitted);
        await harness.PollAsync("east-po-submitted");

        Assert.Equal([westPo.Trim()], (await harness.AlertsAsync(RulePresets.PoSubmitted)).Select(a => a.SourceKey).Distinct());
        var eastAlert = Assert.Single(await harness.AlertsAsync("east-po-submitted"));
        Assert.Equal(eastPo.Trim(), eastAlert.SourceKey);
        Assert.Equal(SysproSideHarness.Procurement, eastAlert.Phone);
        Assert.Contains(east.Data.FindSupplier(east.Data.FindPurchaseOrder(eastPo)!.Supplier)!.SupplierName, eastAlert.Body, StringComparison.Ordinal);
        Assert.Equal(1, east.LogonCount);
        Assert.Equal(0, harness.Simulator.LogonCount);

        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        var companies = (await connection.QueryAsync<(string Rule, string Company)>(
            "SELECT DISTINCT rule_id, company_id FROM alerts ORDER BY rule_id")).ToList();
        Assert.Equal([("east-po-submitted", "east"), (RulePresets.PoSubmitted, "default")], companies);
        Assert.Equal("East Coast Distribution", await connection.ExecuteScalarAsync<string>("SELECT name FROM companies WHERE id = 'east'"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit WHERE company_id = 'default' AND kind = 'detected'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit WHERE company_id = 'east' AND kind = 'detected'"));
    }

    [Fact]
    public async Task RuleOfAnUnknownCompany_StopsStartUpNamingIt()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SysproSideHarness.StartAsync(SysproTransport.OData,
            settings: new Dictionary<string, string?>
            {
                ["Rules:x:Preset"] = RulePresets.PoApproved,
                ["Rules:x:Company"] = "north",
                ["Rules:x:Recipients:People:0"] = "buyer",
            }));

        Assert.Contains("Rules:x:Company: there is no company 'north'", error.Message, StringComparison.Ordinal);
    }
}
