using Microsoft.Extensions.DependencyInjection;
using MlConnector.Detection;
using MlConnector.Rules;
using static MlConnector.IntegrationTests.SysproSide.LedgerPresetHarness;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>Two connector instances on one PostgreSQL database, both polling supplier-payment and gl-journal-posted
/// every minute: each payment texts once per supplier and each journal once, whichever instance polls.</summary>
public sealed class LedgerTwoInstanceTests
{
    private static Dictionary<string, string?> Polling(string instance) => new()
    {
        ["Polling:Enabled"] = "true",
        ["Polling:StartJitter"] = "00:00:00",
        ["Polling:LeaseDuration"] = "00:01:30",
        ["Polling:InstanceId"] = instance,
        [$"Rules:{RulePresets.SupplierPayment}:Cadence"] = "00:01:00",
        [$"Rules:{RulePresets.GlJournalPosted}:Cadence"] = "00:01:00",
        ["Rules:po-submitted:Enabled"] = "false",
        ["Rules:po-approved:Enabled"] = "false",
        ["Rules:invoice-posted:Enabled"] = "false",
        ["Rules:requisition-approved:Enabled"] = "false",
    };

    [Fact]
    public async Task TwoInstancesOnPostgres_PaymentRunsAndJournalsOverTwelveMinutes_OneTextPerSupplierPaymentAndPerJournal()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var first = await StartAsync(SysproTransport.OData, database.ConnectionString, settings: Polling("instance-a"));
        await using var second = await StartAsync(SysproTransport.OData, database.ConnectionString, sharing: first,
            settings: Polling("instance-b"));
        var instances = new[] { first, second };
        var data = first.Simulator.Data;
        var payments = new List<string>();
        var journals = new List<string>();
        try
        {
            await WaitForPollAsync(instances, 1, ct);
            var building = "";
            for (var minute = 1; minute <= 12; minute++)
            {
                switch (minute % 4)
                {
                    case 1: // a run is opened with one supplier's invoices...
                        var run = data.PostPaymentRun([.. PostInvoices(data, $"M{minute}", 2).Select(i => (i.Supplier, i.Invoice))], complete: false);
                        building = run.Header.PaymentNumber;
                        break;
                    case 2: // ...a second supplier's are released a poll later, and it is paid and registered
                        foreach (var invoice in PostInvoices(data, $"M{minute}", 0, 3))
                        {
                            data.ReleaseInvoice(building, invoice.Supplier, invoice.Invoice);
                        }

                        payments.AddRange(data.CompletePaymentRun(building).Lines.Select(l => $"{l.PaymentNumber}|{l.Supplier}").Distinct());
                        break;
                    case 3:
                        journals.Add(KeyOf(Post(data, EnterJournal(data, $"ACCR-{minute}", 10m * minute)).Header));
                        break;
                }

                first.Time.Advance(TimeSpan.FromMinutes(1));
                await WaitForPollAsync(instances, minute + 1, ct);
            }

            var paid = await first.AlertsAsync(RulePresets.SupplierPayment);
            Assert.Equal(payments.Order(StringComparer.Ordinal), paid.Select(a => a.SourceKey).Order(StringComparer.Ordinal));
            // Each run's second supplier: its invoices released a poll after the run was opened, all three counted.
            Assert.Equal(3, paid.Count(a => a.Body.Contains("for 3 invoices", StringComparison.Ordinal)));
            Assert.Equal(3, paid.Count(a => a.Body.Contains("for 2 invoices", StringComparison.Ordinal)));
            var posted = await first.AlertsAsync(RulePresets.GlJournalPosted);
            Assert.Equal(journals, posted.Select(a => a.SourceKey));
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    private static async Task WaitForPollAsync(IEnumerable<SysproSideHarness> instances, int count, CancellationToken ct)
    {
        var trackers = instances.Select(i => i.App.Services.GetRequiredService<PollTracker>()).ToList();
        try
        {
            await Task.WhenAll(trackers.SelectMany(t => RuleIds.Select(r => t.WaitForPollsAsync(r, count, ct))))
                .WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"waiting for poll {count}: " + string.Join("; ", trackers.SelectMany(t => RuleIds.Select(r =>
                $"{t.InstanceId} {r}: {t.CountOf(r)} polls, last held by {t.Last.GetValueOrDefault(r)?.HeldBy ?? "nobody"}, error {t.Last.GetValueOrDefault(r)?.Error ?? "none"}"))));
        }
    }
}
