using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Detection;
using MlConnector.IntegrationTests.SysproSide.BadAnswers;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Requests;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>
/// Every bad answer of issue 12 (the fixed files in BadAnswers/), served for two polls and then lifted, while a real
/// change happens: no false text, the polls fail with a named cause (PORQRY: that alert's enrichment fails, not the
/// poll), SYSPRO is not healthy meanwhile, and the real change is texted once.
/// </summary>
public sealed class BadAnswerTests
{
    public static TheoryData<string> Files => new(SysproBadAnswerFile.All.Select(f => f.File));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Files))]
    public async Task BadAnswer_ForTwoPollsThenLifted_NoFalseTextANamedCauseAndTheRealChangeTextedOnce(string file)
    {
        var bad = SysproBadAnswerFile.All.Single(f => f.File == file);
        var transport = bad.Transport == SysproRequestCounter.OData ? SysproTransport.OData : SysproTransport.Enet;
        var rule = bad.Target == "ReqDetail" ? RulePresets.RequisitionApproved : RulePresets.PoSubmitted;
        // An empty answer to a read of the rows changed since the rule's rowversion is an idle poll, true or not (nothing
        // is texted, nothing lost: the rowversion stays). Empty answers are judged on whole reads, here at every poll.
        var settings = bad.Mode.StartsWith("empty", StringComparison.Ordinal)
            ? new Dictionary<string, string?> { [$"Rules:{rule}:FullReadEvery"] = "00:05:00" }
            : null;
        await using var harness = await SysproSideHarness.StartAsync(transport, purchaseOrders: 300, settings: settings);
        var data = harness.Simulator.Data;
        await harness.PollAsync(rule);

        string changed;
        if (rule == RulePresets.RequisitionApproved)
        {
            var line = data.PendingRequisitions().First();
            data.ApproveRequisition(line.Requisition, line.Line, "ALEX");
            changed = $"{line.Requisition}|{line.Line}";
        }
        else
        {
            changed = data.PurchaseOrdersInStatus("0").First().PurchaseOrder;
            data.SubmitPurchaseOrder(changed);
        }

        bad.ServeOn(harness.Simulator, requests: null);
        var during = new List<PollRecord>();
        (string Status, string Description) health = ("", "");
        for (var i = 0; i < 2; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(5));
            during.Add(await harness.Poller.PollAsync(harness.Rule(rule), Ct));
            health = i == 0 ? await SysproHealthAsync(harness) : health;
        }

        harness.Simulator.BadAnswers.Lift();
        for (var i = 0; i < 2; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(5));
            await harness.PollAsync(rule);
        }

        var alerts = await harness.AlertsAsync(rule);
        Assert.Equal(rule == RulePresets.RequisitionApproved ? 1 : 2, alerts.Count);
        Assert.All(alerts, a => Assert.Equal(changed, a.SourceKey));
        if (bad.Target == "PORQRY")
        {
            // Enrichment failed, not the poll: the texts went out, complete (the tables answered), with a note.
            Assert.All(during, p => Assert.Null(p.Error));
            var supplier = data.FindSupplier(data.FindPurchaseOrder(changed)!.Supplier)!;
            Assert.All(alerts, a => Assert.Contains(supplier.SupplierName, a.Body, StringComparison.Ordinal));
            var notes = await AuditDetailsAsync(harness, alerts[0].Id, "enrichment-failed");
            Assert.Contains(notes, n => n.Contains("PORQRY", StringComparison.Ordinal) && n.Contains(changed.Trim(), StringComparison.Ordinal));
            return;
        }

        var first = during[0].Error;
        Assert.NotNull(first);
        Assert.Contains(rule, first, StringComparison.Ordinal);
        Assert.Contains(bad.Target, first, StringComparison.OrdinalIgnoreCase);
        if (!bad.Mode.StartsWith("empty", StringComparison.Ordinal))
        {
            Assert.NotNull(during[1].Error);
        }

        Assert.NotEqual("Healthy", health.Status);
        Assert.Contains(rule, health.Description, StringComparison.Ordinal);
    }

    private static async Task<(string Status, string Description)> SysproHealthAsync(SysproSideHarness harness)
    {
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.First()) };
        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var syspro = report.RootElement.GetProperty("checks").GetProperty("syspro");
        return (syspro.GetProperty("status").GetString()!, syspro.GetProperty("description").GetString() ?? "");
    }

    private static async Task<List<string>> AuditDetailsAsync(SysproSideHarness harness, long alertId, string kind)
    {
        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(Ct);
        return (await connection.QueryAsync<string?>("SELECT detail FROM audit WHERE alert_id = @alertId AND kind = @kind",
            new { alertId, kind })).Select(d => d ?? "").ToList();
    }
}
