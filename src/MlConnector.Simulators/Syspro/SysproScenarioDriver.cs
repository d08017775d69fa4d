using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro;

/// <summary>
/// Makes business changes on the injected clock for the demo: every interval it submits a PO; POs submitted two
/// steps earlier get approved; every third step approves a requisition, every fifth posts a supplier invoice, every
/// fifteenth posts a GL journal and every twentieth pays the invoices it posted in one payment run.
/// Deterministic for a seed and a data set (one <see cref="Random"/>, steps in order).
/// </summary>
public sealed class SysproScenarioDriver(
    SysproData data, SysproSimulatorOptions options, TimeProvider time, ILogger<SysproScenarioDriver> logger)
    : BackgroundService
{
    private readonly Lock _lock = new();
#pragma warning disable CA5394 // Deterministic demo data, not security.
    private readonly Random _random = new(options.Seed);
#pragma warning restore CA5394
    private readonly Queue<(int Step, string PurchaseOrder)> _submitted = new();
    private int _step;

    public int Steps => Volatile.Read(ref _step);

    /// <summary>Runs <see cref="Step"/> every <see cref="SysproSimulatorOptions.ScenarioInterval"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ScenarioInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                Step();
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException)
            {
                logger.ScenarioFailed(ex);
            }
        }
    }

    /// <summary>One step of the scenario; returns what it changed, in words.</summary>
    public IReadOnlyList<string> Step()
    {
        lock (_lock)
        {
            var step = ++_step;
            var changes = new List<string>();
            while (_submitted.TryPeek(out var due) && due.Step <= step - 2)
            {
                _submitted.Dequeue();
                if (data.FindPurchaseOrder(due.PurchaseOrder)?.OrderStatus == "1")
                {
                    changes.Add($"approved PO {data.ApprovePurchaseOrder(due.PurchaseOrder).PurchaseOrder}");
                }
            }

            var submitted = data.SubmitPurchaseOrder(PickOpenOrder());
            _submitted.Enqueue((step, submitted.PurchaseOrder));
            changes.Add($"submitted PO {submitted.PurchaseOrder}");

            if (step % 3 == 0 && data.PendingRequisitions().ToList() is { Count: > 0 } pending)
            {
                var req = pending[_random.Next(pending.Count)];
                data.ApproveRequisition(req.Requisition, req.Line, "APPROVER");
                changes.Add($"approved requisition {req.Requisition} line {req.Line}");
            }

            if (step % 5 == 0)
            {
                var suppliers = data.ApSupplier.Snapshot();
                var supplier = suppliers[_random.Next(suppliers.Count)];
                var amount = _random.Next(10_000, 1_000_000) / 100m;
                var posted = data.PostSupplierInvoice(supplier.Supplier, $"SIM-{options.Seed}-{step:00000}", amount, "Scenario");
                changes.Add($"posted invoice {posted.Invoice.Invoice} of {supplier.SupplierName} for {amount}");
            }

            if (step % 20 == 0 && PayScenarioInvoices() is { } run)
            {
                changes.Add($"paid {run.Lines.Select(l => l.Supplier).Distinct().Count()} suppliers in payment run {run.Header.PaymentNumber}");
            }

            if (step % 15 == 0)
            {
                var journal = data.EnterJournal($"SIM-{step:00000}", "Scenario accrual",
                    [new JournalLine("5100-000", "D", 250m), new JournalLine("2400-000", "C", 250m)], "GLCLERK");
                var h = data.PostJournal(journal.Header.GlYear, journal.Header.GlPeriod, journal.Header.GlJournal, "GLCLERK").Header;
                changes.Add($"posted GL journal {h.GlJournal} of {h.GlYear}/{h.GlPeriod}");
            }

            changes.ForEach(logger.ScenarioChange);
            return changes;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    /// <summary>AP pays the USD invoices the scenario posted and no run has paid yet, in one run (null: none to pay).</summary>
    private PaymentRun? PayScenarioInvoices()
    {
        var released = data.ApPayRunDet.Snapshot().Select(d => (d.Supplier, d.Invoice)).ToHashSet();
        var due = data.ApInvoice.Snapshot()
            .Where(i => i.Invoice.StartsWith("SIM-", StringComparison.Ordinal) && i.Currency == "USD" && i.MthInvBal1 > 0
                && !released.Contains((i.Supplier, i.Invoice)))
            .Select(i => (i.Supplier, i.Invoice))
            .ToList();
        return due.Count == 0 ? null : data.PostPaymentRun(due);
    }

    /// <summary>A PO in status 0, or a new one when none is left.</summary>
    private string PickOpenOrder()
    {
        var open = data.PurchaseOrdersInStatus("0").ToList();
        if (open.Count > 0)
        {
            return open[_random.Next(open.Count)].PurchaseOrder;
        }

        var supplier = data.ApSupplier.Snapshot()[_random.Next(data.ApSupplier.Count)];
        var buyer = data.InvBuyer.Snapshot()[_random.Next(data.InvBuyer.Count)];
        return data.CreatePurchaseOrder(supplier.Supplier, buyer.Buyer, 1 + _random.Next(100), 9.99m).PurchaseOrder;
    }
}
