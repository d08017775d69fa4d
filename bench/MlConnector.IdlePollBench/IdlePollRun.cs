using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlConnector.Detection;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Testing;

namespace MlConnector.IdlePollBench;

/// <summary>
/// One measurement: a fresh SYSPRO simulator with <c>orders</c> purchase orders (seed 1, so every run sees the same
/// book) on a free loopback port, and the connector's real host on another, both on one fake clock, with the
/// po-submitted and po-approved presets and polling off. Each rule is polled by hand three times, a cadence apart:
/// the baseline, an idle poll, and a poll after 10 changes (5 orders submitted, 5 approved). Before each poll the
/// simulator's request counter is reset; after it, its counts are the poll's cost.
/// </summary>
internal sealed class IdlePollRun(int orders, SysproTransport transport, Detection detection)
{
    public static readonly string[] Rules = [RulePresets.PoSubmitted, RulePresets.PoApproved];

    private const int ChangesEachWay = 5;
    private static readonly TimeSpan Cadence = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<RuleFigures>> RunAsync(CancellationToken ct)
    {
        var clock = TestClock.New();
        await using var syspro = await SysproSimulator.StartAsync(new SysproSimulatorOptions { PurchaseOrders = orders }, clock,
            cancellationToken: ct);
        using var host = new TestHostBuilder().UseClock(clock).WithSyspro(syspro)
            .With("Syspro:Transport", transport.ToString())
            .With("Polling:Enabled", "false")
            .WithPerson("approver", "Alex Approver", "+15550100001", "approvers")
            .WithRuleTexting(RulePresets.PoSubmitted, "approvers")
            .WithRuleTexting(RulePresets.PoApproved, "approvers")
            .With(detection.RuleSettings);
        await using var app = host.Build(builder => builder.Logging.SetMinimumLevel(LogLevel.Error));
        await app.StartAsync(ct);
        var poller = app.Services.GetRequiredService<RulePoller>();
        var rules = app.Services.GetRequiredService<RuleSet>();

        async Task<Dictionary<string, PollCost>> PollEachAsync()
        {
            clock.Advance(Cadence);
            var costs = new Dictionary<string, PollCost>(StringComparer.Ordinal);
            foreach (var rule in Rules)
            {
                syspro.Requests.Reset();
                var watch = Stopwatch.StartNew();
                var poll = await poller.PollAsync(rules.Find(rule)!, ct);
                watch.Stop();
                if (poll.Error is not null)
                {
                    throw new InvalidOperationException($"{rule} ({orders} POs, {transport}, {detection.Name}): the poll failed: {poll.Error}");
                }

                costs[rule] = PollCost.From(syspro.Requests.Snapshot(), poll.RowsRead, poll.AlertsEnqueued, watch.Elapsed);
            }

            return costs;
        }

        try
        {
            var baseline = await PollEachAsync();
            var idle = await PollEachAsync();
            MakeChanges(syspro.Data);
            var changed = await PollEachAsync();
            return [.. Rules.Select(r => new RuleFigures(orders, transport.ToString(), detection.Name, r, baseline[r].RowsRead,
                baseline[r], idle[r], changed[r]))];
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>10 business changes, as the control API's submit and approve make them.</summary>
    private static void MakeChanges(SysproData data)
    {
        var draft = data.PurchaseOrdersInStatus("0").Take(ChangesEachWay).Select(p => p.PurchaseOrder).ToList();
        var submitted = data.PurchaseOrdersInStatus("1").Take(ChangesEachWay).Select(p => p.PurchaseOrder).ToList();
        if (draft.Count < ChangesEachWay || submitted.Count < ChangesEachWay)
        {
            throw new InvalidOperationException($"The simulator's {data.PorMasterHdr.Snapshot().Count} orders have too few in status 0 or 1.");
        }

        draft.ForEach(po => data.SubmitPurchaseOrder(po));
        submitted.ForEach(po => data.ApprovePurchaseOrder(po));
    }
}
