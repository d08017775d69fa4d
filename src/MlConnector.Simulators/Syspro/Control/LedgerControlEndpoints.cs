using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Control;

/// <summary>Supplier payment runs (create, release invoices, complete) and GL journals (enter, post).</summary>
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

/// <summary>Eft: EFT references instead of cheque numbers; FirstReference: the first one (counted up per supplier); Manual: PaymentType M.</summary>
public sealed record CompletePaymentRunRequest(bool? Eft, string? FirstReference, bool? Manual);

public sealed record EnterJournalRequest(string Reference, string? Notation, IReadOnlyList<JournalLine> Lines, string? Operator, bool Post);

public sealed record PostJournalRequest(string? PostedBy);
