using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Schema;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>
/// Schema-aware rules (issue 12, seen 2): a rule whose required column SYSPRO lacks is in error on its own (not polled,
/// unhealthy, naming rule, table and column) and leaves error by itself once the column is there; optional columns a
/// site lacks are dropped with one warning each, and the texts render without them.
/// </summary>
public sealed class SchemaAwareRuleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequiredColumnMissing_RuleInErrorAlone_NotPolledAndUnhealthy_ThenPollsOnceTheColumnAppears()
    {
        // The site's $metadata lacks PorMasterHdr.Warehouse, which po-submitted routes by.
        var hidden = new HiddenMetadataColumns("PorMasterHdr", "Warehouse");
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: new Dictionary<string, string?>
        {
            [$"Rules:{RulePresets.PoSubmitted}:Recipients:RouteBy:0"] = "Warehouse",
            ["Directory:Routes:Warehouse:FG"] = "approver",
        }, customize: b => b.Services.AddHttpClient("syspro-check").AddHttpMessageHandler(() => new HiddenMetadataHandler(hidden)));
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };

        var refused = await harness.Poller.PollAsync(harness.Rule(RulePresets.PoSubmitted), Ct);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await harness.Poller.PollAsync(harness.Rule(RulePresets.PoSubmitted), Ct);
        await harness.PollAsync(RulePresets.PoApproved); // the other rules run

        Assert.Equal("rule po-submitted is not polled: table PorMasterHdr (OData) has no column Warehouse (its RouteBy column). " +
            "It is checked again every cadence and polls once the column is there.", refused.Error);
        Assert.Equal((0, refused.Error), (again.RowsRead, again.Error));
        var health = await ReadyAsync(http);
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        Assert.Contains("rule po-submitted is not polled: table PorMasterHdr (OData) has no column Warehouse",
            health.GetProperty("description").GetString(), StringComparison.Ordinal);
        var rules = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/rules", UriKind.Relative), Ct);
        Assert.Equal("error", SchemaOf(rules, RulePresets.PoSubmitted).GetProperty("state").GetString());
        Assert.Equal("ok", SchemaOf(rules, RulePresets.PoApproved).GetProperty("state").GetString());
        var page = await http.GetStringAsync(new Uri("/rules", UriKind.Relative), Ct);
        Assert.Contains("error: table PorMasterHdr (OData) has no column Warehouse", page, StringComparison.Ordinal);

        hidden.Reveal();
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var polled = await harness.PollAsync(RulePresets.PoSubmitted);

        Assert.True(polled.RowsRead > 0);
        Assert.Equal("Healthy", (await ReadyAsync(http)).GetProperty("status").GetString());
        rules = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/rules", UriKind.Relative), Ct);
        Assert.Equal("ok", SchemaOf(rules, RulePresets.PoSubmitted).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task MinimalSchema_OptionalColumnsDropped_WithOneWarningEach_AndTheTextRendersWithoutThem(SysproTransport transport)
    {
        await using var harness = await SysproSideHarness.StartAsync(transport, o => o.Schema = SysproSchemaProfile.Minimal, captureLogs: true);
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };
        await harness.PollAsync(RulePresets.PoSubmitted); // PorMasterHdr without Warehouse and SupplierClass: no 400 on every poll
        await harness.PollAsync(RulePresets.RequisitionApproved);
        var pending = harness.Simulator.Data.PendingRequisitions().First();

        harness.Simulator.Data.ApproveRequisition(pending.Requisition, pending.Line, "ALEX");
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var poll = await harness.PollAsync(RulePresets.RequisitionApproved);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.PollAsync(RulePresets.RequisitionApproved);
        await harness.PollAsync(RulePresets.PoSubmitted);

        Assert.Equal(1, poll.AlertsEnqueued);
        var alert = Assert.Single(await harness.AlertsAsync(RulePresets.RequisitionApproved));
        Assert.Contains($"Requisition {pending.Requisition.Trim()} line {pending.Line} approved: ", alert.Body, StringComparison.Ordinal);
        // Without StockCode and StockDescription the item's phrase is dropped, never left as a hole ("3 x  from", issue 14).
        Assert.Contains(" approved: quantity ", alert.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", alert.Body, StringComparison.Ordinal);
        foreach (var (rule, column) in new[]
        {
            (RulePresets.RequisitionApproved, "StockCode"), (RulePresets.RequisitionApproved, "StockDescription"),
            (RulePresets.PoSubmitted, "Warehouse"), (RulePresets.PoSubmitted, "SupplierClass"),
        })
        {
            Assert.Single(harness.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal)
                && l.Contains($"Rule {rule}: SYSPRO's ", StringComparison.Ordinal) && l.Contains($" has no column {column};", StringComparison.Ordinal));
        }

        var rules = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/rules", UriKind.Relative), Ct);
        var schema = SchemaOf(rules, RulePresets.RequisitionApproved);
        Assert.Equal("ok", schema.GetProperty("state").GetString());
        Assert.Equal(["StockCode", "StockDescription"], schema.GetProperty("dropped").EnumerateArray().Select(c => c.GetString()));
        var page = await http.GetStringAsync(new Uri("/rules", UriKind.Relative), Ct);
        Assert.Contains("ok; optional column(s) dropped: Warehouse, SupplierClass", page, StringComparison.Ordinal);
    }

    private static JsonElement SchemaOf(JsonElement rules, string id) =>
        rules.EnumerateArray().Single(r => r.GetProperty("id").GetString() == id).GetProperty("schema");

    private static async Task<JsonElement> ReadyAsync(HttpClient http)
    {
        var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return report.RootElement.GetProperty("checks").GetProperty("syspro").Clone();
    }

    /// <summary>A column a site's $metadata leaves out until <see cref="Reveal"/> (the column "appears").</summary>
    private sealed class HiddenMetadataColumns(string table, string column)
    {
        private volatile bool _revealed;

        public void Reveal() => _revealed = true;

        public string Apply(string metadata)
        {
            if (_revealed)
            {
                return metadata;
            }

            var document = XDocument.Parse(metadata);
            document.Descendants().Where(e => e.Name.LocalName == "EntityType" && (string?)e.Attribute("Name") == table)
                .Elements().Where(p => p.Name.LocalName == "Property" && (string?)p.Attribute("Name") == column).Remove();
            return document.ToString();
        }
    }

    /// <summary>Passes the schema check's requests to the simulator and trims its $metadata answer.</summary>
    private sealed class HiddenMetadataHandler(HiddenMetadataColumns hidden) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath.EndsWith("/$metadata", StringComparison.Ordinal) == true && response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                response.Content = new StringContent(hidden.Apply(text), Encoding.UTF8, "application/xml");
            }

            return response;
        }
    }
}
