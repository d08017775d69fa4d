using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Syspro.Enet;

namespace MlConnector.Simulators.Syspro.Control;

/// <summary>
/// The control API for standalone use (JSON under <c>/_sim/syspro</c>): business changes, lookups, sessions and
/// faults. Not subject to fault injection, so faults can always be turned off again.
/// </summary>
internal static class SysproControlEndpoints
{
    public const string Prefix = "/_sim/syspro";

    public static void MapControl(IEndpointRouteBuilder endpoints)
    {
        var control = endpoints.MapGroup(Prefix).ExcludeFromDescription();
        control.MapGet("/", (SysproData data, EnetSessions sessions, SysproFaults faults, SysproScenarioDriver scenario) =>
            TypedResults.Ok(new SysproStatus(data.Today, data.RowVersion, data.PorMasterHdr.Count,
                sessions.OpenSessions, sessions.LogonCount, faults.State(), scenario.Steps)));

        control.MapGet("/purchase-orders", (SysproData data, string? status, int? take) =>
            TypedResults.Ok(data.PurchaseOrdersInStatus(status ?? "0").Take(take ?? 20).ToList()));
        control.MapGet("/purchase-orders/{po}", (SysproData data, string po) =>
            data.FindPurchaseOrder(po) is { } order ? Results.Ok(order) : NotFound($"Purchase order {po} does not exist."));
        control.MapPost("/purchase-orders", (SysproData data, CreateOrderRequest body) =>
            Change(() => data.CreatePurchaseOrder(body.Supplier, body.Buyer ?? "AB", body.Quantity, body.Price)));
        control.MapPost("/purchase-orders/{po}/submit", (SysproData data, string po) => Change(() => data.SubmitPurchaseOrder(po)));
        control.MapPost("/purchase-orders/{po}/approve", (SysproData data, string po) => Change(() => data.ApprovePurchaseOrder(po)));
        control.MapPost("/purchase-orders/{po}/cancel", (SysproData data, string po) => Change(() => data.CancelPurchaseOrder(po)));
        control.MapPost("/purchase-orders/{po}/complete", (SysproData data, string po) => Change(() => data.CompletePurchaseOrder(po)));

        control.MapGet("/requisitions/pending", (SysproData data, int? take) =>
            TypedResults.Ok(data.PendingRequisitions().Take(take ?? 20).ToList()));
        control.MapPost("/requisitions/{req}/{line:int}/approve", (SysproData data, string req, int line, ApproveRequisitionRequest? body) =>
            Change(() => data.ApproveRequisition(req, line, body?.Approver ?? "APPROVER")));

        control.MapPost("/invoices", (SysproData data, PostInvoiceRequest body) =>
            Change(() => data.PostSupplierInvoice(body.Supplier, body.Invoice, body.Amount, body.Reference ?? "")));
        control.MapGet("/suppliers/special", (SysproData data) =>
            TypedResults.Ok(SysproData.SpecialSupplierNames.Select(data.SupplierNamed).ToList()));

        control.MapGet("/sessions", (EnetSessions sessions) =>
            TypedResults.Ok(new SessionsStatus(sessions.OpenSessions, sessions.LogonCount)));
        control.MapDelete("/sessions", (SysproFaults faults) => TypedResults.Ok(new { expired = faults.ExpireSessions() }));

        control.MapGet("/faults", (SysproFaults faults) => TypedResults.Ok(faults.State()));
        control.MapPut("/faults", (SysproFaults faults, FaultsRequest body) =>
        {
            if (body.LatencyMs is { } latency) faults.Latency = TimeSpan.FromMilliseconds(latency);
            if (body.FailNext is { } failNext) faults.FailNextRequests(failNext);
            if (body.FailForSeconds is { } seconds) faults.FailFor(TimeSpan.FromSeconds(seconds));
            return TypedResults.Ok(faults.State());
        });
        control.MapDelete("/faults", (SysproFaults faults) =>
        {
            faults.Reset();
            return TypedResults.Ok(faults.State());
        });

        control.MapPost("/scenario/step", (SysproScenarioDriver scenario) => Change(scenario.Step));
        VariationControlEndpoints.Map(control);
        LedgerControlEndpoints.Map(control);
    }

    internal static IResult Change<T>(Func<T> change)
    {
        try
        {
            return Results.Ok(change());
        }
        catch (KeyNotFoundException ex)
        {
            return NotFound(ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    internal static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound);
}
