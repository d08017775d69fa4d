using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Tests.Simulators.Syspro;

/// <summary>Seeded and simulated supplier payment runs and GL journals (issue 14's new presets).</summary>
public sealed class SysproLedgerTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SysproData _data;

    public SysproLedgerTests() => _data = new SysproData(new SysproSimulatorOptions { PurchaseOrders = 1200 }, _time);

    [Fact]
    public void Seed_PaymentRuns_AreCompleteWithOneReferencePerSupplierExceptTheLatest()
    {
        var runs = _data.ApPayRunHdr.Snapshot();
        Assert.InRange(runs.Count, 20, 26);
        Assert.Equal(0, runs[^1].ChRegister);
        Assert.All(runs.SkipLast(1), r => Assert.True(r.ChRegister > 0));
        var open = _data.FindPaymentRun(runs[^1].PaymentNumber);
        Assert.Equal(3, open.Lines.Count);
        Assert.All(open.Lines, l => Assert.Equal(("", null), (l.Cheque, l.ChequeDate)));
        Assert.Empty(open.Payments);

        foreach (var run in runs.SkipLast(1).Select(r => _data.FindPaymentRun(r.PaymentNumber)))
        {
            Assert.NotEmpty(run.Lines);
            Assert.All(run.Lines.GroupBy(l => l.Supplier), g => Assert.Single(g.Select(l => l.Cheque).Distinct()));
            Assert.Equal(run.Lines.GroupBy(l => l.Supplier).Count(), run.Lines.Select(l => l.Cheque).Distinct().Count());
            Assert.Equal(run.Lines.Select(l => (l.Invoice, l.Cheque, -l.NetPayValue)).Order(), run.Payments.Select(p => (p.Invoice, p.PaymentReference, p.TrnValue)).Order());
        }

        Assert.All(_data.ApInvoice.Snapshot(), i => Assert.Equal(i.OrigInvValue, i.MthInvBal1));
    }

    [Fact]
    public void Seed_Journals_AreBalancedAndPostedExceptTheLastTwo()
    {
        var journals = _data.GenJournalCtl.Snapshot();
        Assert.Equal(40, journals.Count);
        Assert.All(journals.SkipLast(2), j => Assert.Equal(("GLCLERK", true), (j.PostedBy, j.PostDate is not null)));
        Assert.All(journals.TakeLast(2), j => Assert.Equal(("", null), (j.PostedBy, j.PostDate)));
        Assert.All(journals, j => Assert.Equal(j.DebitAmount, j.CreditAmount));
        Assert.All(journals, j => Assert.All(_data.FindJournal(j.GlYear, j.GlPeriod, j.GlJournal).Lines,
            l => Assert.Equal(j.PostDate is null ? "N" : "Y", l.EntryPosted)));
    }

    [Fact]
    public void PaymentRun_BuiltOverSteps_IsPaidPerSupplierAndClosedByItsHeaderLast()
    {
        var (a1, a2, b) = ThreeInvoices();
        _time.Advance(TimeSpan.FromDays(1));
        var run = _data.CreatePaymentRun("EFT1", "USD", "APCLERK");
        Assert.Equal(0, run.ChRegister);
        _data.ReleaseInvoice(run.PaymentNumber, a1.Supplier, a1.Invoice);
        _data.ReleaseInvoice(run.PaymentNumber, a2.Supplier, a2.Invoice, 10m);
        _data.ReleaseInvoice(run.PaymentNumber, b.Supplier, b.Invoice);
        Assert.Throws<InvalidOperationException>(() => _data.ReleaseInvoice(run.PaymentNumber, b.Supplier, b.Invoice));

        var paid = _data.CompletePaymentRun(run.PaymentNumber, eft: true);
        Assert.True(paid.Header.ChRegister > 0);
        Assert.Equal(_data.RowVersion, paid.Header.TimeStamp);
        Assert.Equal(_data.Today, paid.Header.PaymentDate);
        Assert.All(paid.Lines, l => Assert.Equal((_data.Today, "R"), (l.ChequeDate!.Value, l.PaymentType)));
        Assert.Equal(2, paid.Lines.Select(l => l.Cheque).Distinct().Count());
        Assert.All(paid.Lines, l => Assert.StartsWith("EFT", l.Cheque, StringComparison.Ordinal));
        Assert.Equal(3, paid.Payments.Count);
        Assert.Equal(a2.MthInvBal1 - 10m, _data.ApInvoice.Find(SysproKeys.Composite(a2.Supplier, a2.Invoice))!.MthInvBal1);
        Assert.Equal(0m, _data.ApInvoice.Find(SysproKeys.Composite(a1.Supplier, a1.Invoice))!.MthInvBal1);
        Assert.Throws<InvalidOperationException>(() => _data.CompletePaymentRun(run.PaymentNumber));
        Assert.Throws<InvalidOperationException>(() => _data.ReleaseInvoice(run.PaymentNumber, b.Supplier, b.Invoice, 1m));
    }

    [Fact]
    public void PaymentRun_FirstReferenceGiven_CountsUpPerSupplierKeepingWidth()
    {
        var (a1, _, b) = ThreeInvoices();
        var run = _data.CreatePaymentRun("CHQ1", "USD", "APCLERK");
        _data.ReleaseInvoice(run.PaymentNumber, a1.Supplier, a1.Invoice);
        _data.ReleaseInvoice(run.PaymentNumber, b.Supplier, b.Invoice);
        var paid = _data.CompletePaymentRun(run.PaymentNumber, firstReference: "CHK0099", manual: true);
        Assert.Equal(["CHK0099", "CHK0100"], paid.Lines.OrderBy(l => l.Supplier, StringComparer.Ordinal).Select(l => l.Cheque));
        Assert.All(paid.Lines, l => Assert.Equal("M", l.PaymentType));
    }

    [Fact]
    public void PaymentRun_PaidThenRegistered_StaysOpenUntilItsRegisterIsPrinted()
    {
        var (a1, a2, b) = ThreeInvoices();
        var run = _data.CreatePaymentRun("CHQ1", "USD", "APCLERK");
        _data.ReleaseInvoice(run.PaymentNumber, a1.Supplier, a1.Invoice);
        Assert.Throws<InvalidOperationException>(() => _data.PrintPaymentRegister(run.PaymentNumber)); // not paid yet

        _data.ReleaseInvoice(run.PaymentNumber, b.Supplier, b.Invoice);
        var paid = _data.PayPaymentRun(run.PaymentNumber);
        Assert.Equal(0, paid.Header.ChRegister);
        Assert.All(paid.Lines, l => Assert.Equal((_data.Today, 0), (l.ChequeDate!.Value, l.ChRegister)));
        Assert.Equal(2, paid.Payments.Count);
        Assert.Throws<InvalidOperationException>(() => _data.ReleaseInvoice(run.PaymentNumber, a2.Supplier, a2.Invoice)); // paid
        Assert.Throws<InvalidOperationException>(() => _data.PayPaymentRun(run.PaymentNumber));

        var registered = _data.PrintPaymentRegister(run.PaymentNumber);
        Assert.True(registered.Header.ChRegister > 0);
        Assert.All(registered.Lines, l => Assert.Equal(registered.Header.ChRegister, l.ChRegister));
        Assert.Equal(paid.Lines.Select(l => l.Cheque), registered.Lines.Select(l => l.Cheque));
        Assert.True(registered.Lines.Max(l => l.TimeStamp) < registered.Header.TimeStamp);
        Assert.Throws<InvalidOperationException>(() => _data.PrintPaymentRegister(run.PaymentNumber));
    }

    [Fact]
    public void PostPaymentRun_InvoicesOfSeveralSuppliers_PaysEachSupplierOnceWithAllItsInvoices()
    {
        var invoices = _data.InvoicesToPay(suppliers: 3, invoicesEach: 2);
        Assert.Equal(3, invoices.Select(i => i.Supplier).Distinct().Count());
        Assert.All(invoices.GroupBy(i => i.Supplier), g => Assert.Equal(2, g.Count()));

        var run = _data.PostPaymentRun([.. invoices.Select(i => (i.Supplier, i.Invoice))]);

        Assert.True(run.Header.ChRegister > 0);
        Assert.Equal(invoices.Select(i => (i.Supplier, i.Invoice)).Order(), run.Lines.Select(l => (l.Supplier, l.Invoice)).Order());
        Assert.All(run.Lines.GroupBy(l => l.Supplier), g => Assert.Single(g.Select(l => l.Cheque).Distinct()));
        Assert.DoesNotContain(_data.InvoicesToPay(3, 2), i => invoices.Any(p => (p.Supplier, p.Invoice) == (i.Supplier, i.Invoice)));

        Assert.Throws<InvalidOperationException>(() => _data.PostPaymentRun([(invoices[0].Supplier, invoices[0].Invoice)])); // paid in full

        var next = _data.InvoicesToPay(1, 1)[0];
        var open = _data.PostPaymentRun([(next.Supplier, next.Invoice)], complete: false);
        Assert.Equal((0, "", 1), (open.Header.ChRegister, open.Lines[0].Cheque, open.Lines.Count));
    }

    [Fact]
    public void Journal_EnteredThenPosted_SetsPostDateAndPostedByOnTheHeaderLast()
    {
        Assert.Throws<InvalidOperationException>(() => _data.EnterJournal("BAD", "", [new JournalLine("5100-000", "D", 5m), new JournalLine("2400-000", "C", 4m)], "GL"));
        var entered = _data.EnterJournal("ACCR-X", "Test accrual", [new JournalLine("5100-000", "D", 5m), new JournalLine("2400-000", "C", 5m)], "GL");
        Assert.Null(entered.Header.PostDate);
        Assert.Equal((2025, 3), (entered.Header.GlYear, entered.Header.GlPeriod));

        _time.Advance(TimeSpan.FromDays(2));
        var posted = _data.PostJournal(2025, 3, entered.Header.GlJournal, "CONTROLLER");
        Assert.Equal((_data.Today, "CONTROLLER", " "), (posted.Header.PostDate!.Value, posted.Header.PostedBy, posted.Header.JnlStatus));
        Assert.All(posted.Lines, l => Assert.Equal("Y", l.EntryPosted));
        Assert.True(posted.Lines.Max(l => l.TimeStamp) < posted.Header.TimeStamp);
        Assert.Throws<InvalidOperationException>(() => _data.PostJournal(2025, 3, entered.Header.GlJournal, "CONTROLLER"));
    }

    private (ApInvoice A1, ApInvoice A2, ApInvoice B) ThreeInvoices()
    {
        var usd = _data.ApInvoice.Snapshot().Where(i => i.Currency == "USD").GroupBy(i => i.Supplier).ToList();
        var a = usd.First(g => g.Count() >= 2).ToList();
        var b = usd.First(g => g.Key != a[0].Supplier).First();
        return (a[0], a[1], b);
    }
}
