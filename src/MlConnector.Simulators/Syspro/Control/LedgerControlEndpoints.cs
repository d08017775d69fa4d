using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Control;

/// <summary>Supplier payment runs (create, release invoices, pay, print the register, or all at once) and GL journals
/// (enter, post).</summary>
internal static class LedgerControlEndpoints
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapPost("/payment-runs", (SysproData data, CreatePaymentRunRequest? body) =>
            SysproControlEndpoints.Change(() => data.CreatePaymentRun(body?.Bank ?? "CHQ1", body?.Currency ?? "USD", body?.Operator ?? "APCLERK")));
        control.MapGet("/payment-runs/{run}", (SysproData data, string run) =>
            SysproControlEndpoints.Change(() => data.FindPaymentRun(run)));
        control.MapPost("/payment-runs/{run}/invoices", (SysproData data, string run, ReleaseInvoiceRequest body) =>
            SysproControlEndpoints.Change(() => data.ReleaseInvoice(run, body.Supplier, body.Invoice, body.Amount)));
        control.MapPost("/payment-runs/post", (SysproData data, PostPaymentRunRequest body) => SysproControlEndpoints.Change(() =>
        {
            var invoices = body.Invoices is { Count: > 0 } given
                ? given.Select(i => (i.Supplier, i.Invoice)).ToList()
                : data.InvoicesToPay(body.Suppliers ?? 2, body.InvoicesPerSupplier ?? 2, body.Currency ?? "USD").Select(i => (i.Supplier, i.Invoice)).ToList();
            return data.PostPaymentRun(invoices, body.Bank ?? "CHQ1", body.Currency ?? "USD", body.Eft ?? false, body.FirstReference,
                body.Complete ?? true);
        }));
        control.MapPost("/payment-runs/{run}/pay", (SysproData data, string run, CompletePaymentRunRequest? body) =>
            SysproControlEndpoints.Change(() => data.PayPaymentRun(run, body?.Eft ?? false, body?.FirstReference, body?.Manual ?? false)));
        control.MapPost("/payment-runs/{run}/register", (SysproData data, string run) =>
            SysproControlEndpoints.Change(() => data.PrintPaymentRegister(run)));
        control.MapPost("/payment-runs/{run}/complete", (SysproData data, string run, CompletePaymentRunRequest? body) =>
            SysproControlEndpoints.Change(() => data.CompletePaymentRun(run, body?.Eft ?? false, body?.FirstReference, body?.Manual ?? false)));

        control.MapPost("/journals", (SysproData data, EnterJournalRequest body) => SysproControlEndpoints.Change(() =>
        {
            var journal = data.EnterJournal(body.Reference, body.Notation ?? "", body.Lines, body.Operator ?? "GLCLERK");
            return body.Post ? data.PostJournal(journal.Header.GlYear, journal.Header.GlPeriod, journal.Header.GlJournal, body.Operator ?? "GLCLERK") : journal;
        }));
        control.MapGet("/journals/{year:int}/{period:int}/{journal:int}", (SysproData data, int year, int period, int journal) =>
            SysproControlEndpoints.Change(() => data.FindJournal(year, period, journal)));
        control.MapPost("/journals/{year:int}/{period:int}/{journal:int}/post", (SysproData data, int year, int period, int journal, PostJournalRequest? body) =>
            SysproControlEndpoints.Change(() => data.PostJournal(year, period, journal, body?.PostedBy ?? "GLCLERK")));
    }
}

public sealed record CreatePaymentRunRequest(string? Bank, string? Currency, string? Operator);

public sealed record ReleaseInvoiceRequest(string Supplier, string Invoice, decimal? Amount);

/// <summary>A whole run: the invoices given, or InvoicesPerSupplier to pay of each of Suppliers suppliers (2 and 2
/// by default); Complete false leaves it open with its invoices released.</summary>
public sealed record PostPaymentRunRequest(IReadOnlyList<ReleaseInvoiceRequest>? Invoices, int? Suppliers, int? InvoicesPerSupplier,
    string? Bank, string? Currency, bool? Eft, string? FirstReference, bool? Complete);

/// <summary>Eft: EFT references instead of cheque numbers; FirstReference: the first one (counted up per supplier); Manual: PaymentType M.</summary>
public sealed record CompletePaymentRunRequest(bool? Eft, string? FirstReference, bool? Manual);

public sealed record EnterJournalRequest(string Reference, string? Notation, IReadOnlyList<JournalLine> Lines, string? Operator, bool Post);

public sealed record PostJournalRequest(string? PostedBy);
