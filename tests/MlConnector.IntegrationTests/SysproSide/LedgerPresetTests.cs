using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Requests;
using static MlConnector.IntegrationTests.SysproSide.LedgerPresetHarness;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>
/// supplier-payment and gl-journal-posted end to end against the SYSPRO simulator: a payment run built and completed
/// over several polls texts once per supplier, only when its register is printed, with every invoice it paid; a
/// journal texts once when it is posted.
/// </summary>
public sealed class LedgerPresetTests
{
    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task SupplierPayment_RunBuiltAndCompletedOverSeveralPolls_TextsOncePerSupplierWithEveryInvoice(SysproTransport transport)
    {
        await using var harness = await StartAsync(transport);
        var data = harness.Simulator.Data;
        await PollAsync(harness); // baseline: the seeded runs text nobody
        var invoices = PostInvoices(data, "PAY", 3, 2);
        var run = data.CreatePaymentRun("CHQ1", "USD", "APCLERK");

        // AP releases some invoices, the connector polls, then the rest, and the run is paid: cheques printed.
        foreach (var invoice in invoices.Where(i => i.Invoice.EndsWith("-1", StringComparison.Ordinal)))
        {
            data.ReleaseInvoice(run.PaymentNumber, invoice.Supplier, invoice.Invoice);
        }

        await PollAsync(harness);
        foreach (var invoice in invoices.Where(i => !i.Invoice.EndsWith("-1", StringComparison.Ordinal)))
        {
            data.ReleaseInvoice(run.PaymentNumber, invoice.Supplier, invoice.Invoice);
        }

        data.PayPaymentRun(run.PaymentNumber);
        await PollAsync(harness);
        Assert.Empty(await harness.AlertsAsync(RulePresets.SupplierPayment)); // paid, but its register is not printed yet

        var completed = data.PrintPaymentRegister(run.PaymentNumber);
        await PollAsync(harness);
        await PollAsync(harness);

        var alerts = await harness.AlertsAsync(RulePresets.SupplierPayment);
        var suppliers = invoices.Select(i => i.Supplier).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(suppliers.Select(s => $"{run.PaymentNumber}|{s}"), alerts.Select(a => a.SourceKey));
        Assert.Equal(suppliers.Select(s => PaymentText(data, completed, s)), alerts.Select(a => a.Body));
        Assert.All(alerts, a => Assert.Equal(SysproSideHarness.AccountsPayable, a.Phone));
        Assert.Contains("for 3 invoices", alerts[0].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("another run's line", """{"@odata.context":"{{ServiceRoot}}$metadata#ApPayRunDet","value":[{"PaymentNumber":"999999","Supplier":"X","Invoice":"I","NetPayValue":1.5,"Cheque":"1","PostCurrency":"USD"}]}""")]
    [InlineData("a line without its supplier", """{"@odata.context":"{{ServiceRoot}}$metadata#ApPayRunDet","value":[{"PaymentNumber":"{{Run}}","Supplier":null,"Invoice":"I","NetPayValue":1.5,"Cheque":"1","PostCurrency":"USD"}]}""")]
    public async Task SupplierPayment_RunsLinesNotBelievedForAPoll_ThatPollFailsAndTheNextTextsTheWholeRunOnce(string what, string body)
    {
        await using var harness = await StartAsync(SysproTransport.OData);
        var data = harness.Simulator.Data;
        await PollAsync(harness);
        var run = data.PostPaymentRun([.. PostInvoices(data, "BAD", 2, 1).Select(i => (i.Supplier, i.Invoice))]);
        var answer = body.Replace("{{Run}}", run.Header.PaymentNumber, StringComparison.Ordinal);
        harness.Simulator.BadAnswers.Serve(new BadAnswer(SysproRequestCounter.OData, "ApPayRunDet", answer, Requests: 1));

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var failed = await harness.Poller.PollAsync(harness.Rule(RulePresets.SupplierPayment), TestContext.Current.CancellationToken);
        Assert.True(failed.Error?.Contains("ApPayRunDet", StringComparison.Ordinal), $"{what}: {failed.Error}");
        Assert.Empty(await harness.AlertsAsync(RulePresets.SupplierPayment));

        await PollAsync(harness);
        await PollAsync(harness);
        var alerts = await harness.AlertsAsync(RulePresets.SupplierPayment);
        Assert.Equal(run.Lines.Select(l => l.Supplier).Distinct().Select(s => PaymentText(data, run, s)), alerts.Select(a => a.Body));
    }

    [Theory]
    [InlineData(SysproTransport.OData)]
    [InlineData(SysproTransport.Enet)]
    public async Task GlJournalPosted_EnteredThenPostedOnALaterPoll_TextsOncePerJournal(SysproTransport transport)
    {
        await using var harness = await StartAsync(transport);
        var data = harness.Simulator.Data;
        await PollAsync(harness); // baseline: the seeded posted journals text nobody
        var accrual = EnterJournal(data, "ACCR-900", 1250.40m);
        var freight = EnterJournal(data, "FRT-17", 88.10m);

        await PollAsync(harness);
        Assert.Empty(await harness.AlertsAsync(RulePresets.GlJournalPosted)); // entered, not posted

        var posted = Post(data, accrual).Header;
        await PollAsync(harness);
        var postedLater = Post(data, freight).Header;
        await PollAsync(harness);
        await PollAsync(harness);

        var alerts = await harness.AlertsAsync(RulePresets.GlJournalPosted);
        Assert.Equal([KeyOf(posted), KeyOf(postedLater)], alerts.Select(a => a.SourceKey));
        Assert.Equal([JournalText(posted), JournalText(postedLater)], alerts.Select(a => a.Body));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task BothPresets_AcrossARestart_TextEachPaymentAndJournalOnce_AlsoThoseMadeWhileStopped(string store)
    {
        await using var database = await StoreDatabase.ForAsync(store);
        var first = await StartAsync(SysproTransport.OData, database?.ConnectionString);
        try
        {
            var data = first.Simulator.Data;
            await PollAsync(first);
            var before = data.PostPaymentRun([.. PostInvoices(data, "R1", 2).Select(i => (i.Supplier, i.Invoice))]);
            var journal = Post(data, EnterJournal(data, "ACCR-R1", 410m)).Header;
            await PollAsync(first);
            await first.CrashAsync(); // kill -9 just after the texts were queued

            // While the connector is down: another run completes, another journal posts.
            var whileDown = data.PostPaymentRun([.. PostInvoices(data, "R2", 1, 1).Select(i => (i.Supplier, i.Invoice))]);
            var journalWhileDown = Post(data, EnterJournal(data, "ACCR-R2", 77m)).Header;
            await using var second = await StartAsync(SysproTransport.OData, database?.ConnectionString, sharing: first);
            await PollAsync(second);
            await PollAsync(second);

            var payments = await second.AlertsAsync(RulePresets.SupplierPayment);
            Assert.Equal(
                before.Lines.Concat(whileDown.Lines).Select(l => $"{l.PaymentNumber}|{l.Supplier}").Distinct().Order(StringComparer.Ordinal),
                payments.Select(a => a.SourceKey).Order(StringComparer.Ordinal));
            Assert.Equal(3, payments.Count);
            var journals = await second.AlertsAsync(RulePresets.GlJournalPosted);
            Assert.Equal([KeyOf(journal), KeyOf(journalWhileDown)], journals.Select(a => a.SourceKey));
        }
        finally
        {
            await first.DisposeAsync();
        }
    }
}
