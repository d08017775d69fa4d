using System.Globalization;
using System.Text.RegularExpressions;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// Supplier payment runs built over several steps, as AP staff do in Payment Cycle Maintenance: a run is created,
/// invoices are released into it over time, then it is paid (cheque numbers or EFT references per supplier) and
/// its payment register, printed last, closes it (docs/syspro.md, "Supplier payments").
/// </summary>
public sealed partial class SysproData
{
    /// <summary>A new, open payment run (no register yet) for one bank and currency.</summary>
    public ApPayRunHdr CreatePaymentRun(string bank, string currency, string runOperator)
    {
        lock (_changeLock)
        {
            var today = Today;
            var run = new ApPayRunHdr
            {
                PaymentNumber = SysproDataGenerator.PaymentNumber(++_nextPaymentRun),
                Bank = bank,
                Currency = currency,
                Operator = runOperator,
                PaymentDate = today,
                PayYear = today.Year,
                PayMonth = today.Month,
                TimeStamp = NextRowVersion(),
            };
            ApPayRunHdr.Upsert(run);
            return run;
        }
    }

    /// <summary>Releases an invoice into an open run, for its balance unless an amount is given.</summary>
    public ApPayRunDet ReleaseInvoice(string paymentNumber, string supplier, string invoice, decimal? amount = null)
    {
        lock (_changeLock)
        {
            var run = UnpaidRun(paymentNumber);
            var (row, pay) = Releasable(run.Currency, supplier, invoice, amount);
            var line = SysproDataGenerator.Line(run.PaymentNumber, row, ApSupplier.Find(supplier)?.SupplierName ?? "", pay)
                with { TimeStamp = NextRowVersion() };
            ApPayRunDet.Upsert(line);
            return line;
        }
    }

    /// <summary>The invoice and the amount to pay, or why it cannot be released into a run in <paramref name="currency"/>.</summary>
    private (ApInvoice Row, decimal Pay) Releasable(string currency, string supplier, string invoice, decimal? amount)
    {
        var row = ApInvoice.Find(SysproKeys.Composite(supplier, invoice))
            ?? throw new KeyNotFoundException($"Invoice {invoice} of supplier {supplier} does not exist.");
        var pay = amount ?? row.MthInvBal1;
        if (row.Currency != currency || pay <= 0 || pay > row.MthInvBal1)
        {
            throw new InvalidOperationException(
                $"Invoice {invoice} ({row.Currency}, balance {row.MthInvBal1}) cannot be paid {pay} in a {currency} run.");
        }

        if (ApPayRunDet.Snapshot().Any(d => d.Supplier == supplier && d.Invoice == invoice && OpenRunOrNull(d.PaymentNumber) is not null))
        {
            throw new InvalidOperationException($"Invoice {invoice} of supplier {supplier} is already released in an open run.");
        }

        return (row, pay);
    }

    /// <summary>
    /// Pays the run and closes it (<see cref="PayPaymentRun"/>, then <see cref="PrintPaymentRegister"/>).
    /// <paramref name="firstReference"/> overrides the numbering of the cheques or EFT references.
    /// </summary>
    public PaymentRun CompletePaymentRun(string paymentNumber, bool eft = false, string? firstReference = null, bool manual = false)
    {
        lock (_changeLock)
        {
            PayPaymentRun(paymentNumber, eft, firstReference, manual);
            return PrintPaymentRegister(paymentNumber);
        }
    }

    /// <summary>
    /// Pays an open run as its cheques are printed or EFT numbers generated: one reference per supplier (cheque
    /// numbers, or EFT references when <paramref name="eft"/>), <c>ChequeDate</c> today, an ApInvoicePay row per
    /// invoice, balances lowered. The run stays open (no register) until <see cref="PrintPaymentRegister"/>.
    /// </summary>
    public PaymentRun PayPaymentRun(string paymentNumber, bool eft = false, string? firstReference = null, bool manual = false)
    {
        lock (_changeLock)
        {
            var run = UnpaidRun(paymentNumber);
            var lines = ApPayRunDet.Snapshot().Where(d => d.PaymentNumber == run.PaymentNumber).ToList();
            if (lines.Count == 0)
            {
                throw new InvalidOperationException($"Payment run {paymentNumber} has no invoices to pay.");
            }

            var today = Today;
            var references = new Queue<string>(References(lines.Select(l => l.Supplier).Distinct().Count(), eft, firstReference));
            foreach (var supplier in lines.GroupBy(l => l.Supplier).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var reference = references.Dequeue();
                foreach (var line in supplier)
                {
                    ApPayRunDet.Upsert(line with
                    {
                        Cheque = reference, ChequeDate = today, PaymentType = manual ? "M" : "R", TimeStamp = NextRowVersion(),
                    });
                    PayInvoice(line, reference, today);
                }

                var vendor = ApSupplier.Find(supplier.Key);
                if (vendor is not null)
                {
                    ApSupplier.Upsert(vendor with { CurrentBalance = vendor.CurrentBalance - supplier.Sum(l => l.NetPayValue), TimeStamp = NextRowVersion() });
                }
            }

            return FindPaymentRun(paymentNumber);
        }
    }

    /// <summary>Prints the payment register of a paid run, which closes it: the register number on its lines, then on
    /// its header last, so the header carries the run's newest rowversion.</summary>
    public PaymentRun PrintPaymentRegister(string paymentNumber)
    {
        lock (_changeLock)
        {
            var run = OpenRun(paymentNumber);
            var lines = ApPayRunDet.Snapshot().Where(d => d.PaymentNumber == run.PaymentNumber).ToList();
            if (lines.Count == 0 || lines.Any(l => l.Cheque.Length == 0))
            {
                throw new InvalidOperationException($"Payment run {paymentNumber} is not paid yet: pay it before printing its register.");
            }

            var today = Today;
            var register = ++_nextRegister;
            foreach (var line in lines.OrderBy(l => l.Supplier, StringComparer.Ordinal).ThenBy(l => l.Invoice, StringComparer.Ordinal))
            {
                ApPayRunDet.Upsert(line with { ChRegister = register, TimeStamp = NextRowVersion() });
            }

            ApPayRunHdr.Upsert(run with { ChRegister = register, PaymentDate = today, PayYear = today.Year, PayMonth = today.Month, TimeStamp = NextRowVersion() });
            return FindPaymentRun(paymentNumber);
        }
    }

    public PaymentRun FindPaymentRun(string paymentNumber)
    {
        var run = ApPayRunHdr.Find(paymentNumber) ?? throw new KeyNotFoundException($"Payment run {paymentNumber} does not exist.");
        return new PaymentRun(
            run,
            [.. ApPayRunDet.Snapshot().Where(d => d.PaymentNumber == run.PaymentNumber)],
            [.. ApInvoicePay.Snapshot().Where(p => p.PaymentNumber == run.PaymentNumber)]);
    }

    private void PayInvoice(ApPayRunDet line, string reference, DateTimeOffset today)
    {
        var invoice = ApInvoice.Find(SysproKeys.Composite(line.Supplier, line.Invoice))!;
        var entry = ApInvoicePay.Snapshot().Where(p => p.Supplier == line.Supplier && p.Invoice == line.Invoice)
            .Select(p => p.EntryNumber).DefaultIfEmpty(0).Max() + 1;
        var journal = SysproDataGenerator.FirstPaymentJournal + int.Parse(line.PaymentNumber, CultureInfo.InvariantCulture);
        ApInvoicePay.Upsert(SysproDataGenerator.Payment(invoice, entry, line.PaymentNumber, reference, line.NetPayValue, today, journal)
            with { TimeStamp = NextRowVersion() });
        ApInvoice.Upsert(invoice with
        {
            MthInvBal1 = invoice.MthInvBal1 - line.NetPayValue,
            PaymentNumber = int.Parse(line.PaymentNumber, CultureInfo.InvariantCulture),
            TimeStamp = NextRowVersion(),
        });
    }

    private IEnumerable<string> References(int count, bool eft, string? first)
    {
        if (first is null)
        {
            return Enumerable.Range(0, count).Select(_ => eft
                ? SysproDataGenerator.Eft(++_nextEft)
                : (++_nextCheque).ToString(CultureInfo.InvariantCulture));
        }

        var match = Regex.Match(first, @"^(.*?)(\d+)$", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            throw new InvalidOperationException($"Reference '{first}' does not end in a number to count from.");
        }

        var digits = match.Groups[2].Value;
        var start = long.Parse(digits, CultureInfo.InvariantCulture);
        return Enumerable.Range(0, count).Select(i =>
            match.Groups[1].Value + (start + i).ToString(CultureInfo.InvariantCulture).PadLeft(digits.Length, '0'));
    }

    private ApPayRunHdr OpenRun(string paymentNumber) =>
        OpenRunOrNull(paymentNumber) ?? throw (ApPayRunHdr.Find(paymentNumber) is null
            ? new KeyNotFoundException($"Payment run {paymentNumber} does not exist.")
            : new InvalidOperationException($"Payment run {paymentNumber} is complete (register printed)."));

    /// <summary>An open run none of whose invoices is paid yet (invoices may still be released into it).</summary>
    private ApPayRunHdr UnpaidRun(string paymentNumber)
    {
        var run = OpenRun(paymentNumber);
        return ApPayRunDet.Snapshot().Any(d => d.PaymentNumber == run.PaymentNumber && d.Cheque.Length > 0)
            ? throw new InvalidOperationException($"Payment run {paymentNumber} is paid; only its register is still to print.")
            : run;
    }

        private ApPayRunHdr? OpenRunOrNull(string paymentNumber) =>
        ApPayRunHdr.Find(paymentNumber) is { ChRegister: 0 } run ? run : null;
}

/// <summary>A payment run with its released invoices and the payments it made.</summary>
public sealed record PaymentRun(ApPayRunHdr Header, IReadOnlyList<ApPayRunDet> Lines, IReadOnlyList<ApInvoicePay> Payments);
