namespace MlConnector.Simulators.Syspro.Data;

/// <summary>A whole supplier payment run in one call, and the invoices one could pay.</summary>
public sealed partial class SysproData
{
    /// <summary>
    /// Creates a run, releases the invoices (each for its balance) and, when <paramref name="complete"/>, pays them and
    /// prints the register. Otherwise the run stays open with its invoices released, to be built on and completed in
    /// later steps (<see cref="ReleaseInvoice"/>, <see cref="PayPaymentRun"/>, <see cref="PrintPaymentRegister"/>).
    /// </summary>
    public PaymentRun PostPaymentRun(IReadOnlyList<(string Supplier, string Invoice)> invoices, string bank = "CHQ1", string currency = "USD",
        bool eft = false, string? firstReference = null, bool complete = true)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        if (invoices.Count == 0)
        {
            throw new InvalidOperationException("A payment run needs at least one invoice to pay.");
        }

        lock (_changeLock)
        {
            foreach (var (supplier, invoice) in invoices)
            {
                Releasable(currency, supplier, invoice, null); // a refused invoice leaves no run behind
            }

            var run = CreatePaymentRun(bank, currency, "APCLERK");
            foreach (var (supplier, invoice) in invoices)
            {
                ReleaseInvoice(run.PaymentNumber, supplier, invoice);
            }

            return complete ? CompletePaymentRun(run.PaymentNumber, eft, firstReference) : FindPaymentRun(run.PaymentNumber);
        }
    }

    /// <summary>
    /// <paramref name="invoicesEach"/> invoices to pay of each of the first <paramref name="suppliers"/> suppliers (by
    /// code) in <paramref name="currency"/>: their invoices with a balance that no run has released, and where they
    /// have too few, new invoices posted today (the seeded runs have paid most seeded invoices).
    /// </summary>
    public IReadOnlyList<ApInvoice> InvoicesToPay(int suppliers, int invoicesEach, string currency = "USD")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(suppliers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(invoicesEach, 1);
        lock (_changeLock)
        {
            var vendors = ApSupplier.Snapshot().Where(s => s.Currency == currency).OrderBy(s => s.Supplier, StringComparer.Ordinal).Take(suppliers).ToList();
            if (vendors.Count < suppliers)
            {
                throw new InvalidOperationException($"There are fewer than {suppliers} {currency} suppliers.");
            }

            var released = ApPayRunDet.Snapshot().Select(d => SysproKeys.Composite(d.Supplier, d.Invoice)).ToHashSet(StringComparer.Ordinal);
            var chosen = new List<ApInvoice>();
            foreach (var vendor in vendors)
            {
                var unpaid = ApInvoice.Snapshot()
                    .Where(i => i.Supplier == vendor.Supplier && i.Currency == currency && i.MthInvBal1 > 0
                        && !released.Contains(SysproKeys.Composite(i.Supplier, i.Invoice)))
                    .OrderBy(i => i.Invoice, StringComparer.Ordinal).Take(invoicesEach).ToList();
                for (var n = unpaid.Count; n < invoicesEach; n++)
                {
                    var number = (RowVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    unpaid.Add(PostSupplierInvoice(vendor.Supplier, $"PAY-{number}", 100m + 25m * n, "To pay in a run").Invoice);
                }

                chosen.AddRange(unpaid);
            }

            return chosen;
        }
    }
}
