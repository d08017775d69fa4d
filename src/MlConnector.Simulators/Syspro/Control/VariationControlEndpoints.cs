using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.Simulators.Syspro.Control;

/// <summary>
/// Control calls for the variation real sites show: generic row changes, rows that move between page requests,
/// bad answers for a span of requests, changes committed late, and request counting (README, <c>simulate syspro</c>).
/// </summary>
internal static class VariationControlEndpoints
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapPatch("/tables/{table}", (SysproData data, string table, RowChangeRequest body) =>
            SysproControlEndpoints.Change(() => data.UpdateRow(table, body.Key, body.Set)));

        control.MapGet("/transactions", (SysproData data) => TypedResults.Ok(data.PendingChanges()));
        control.MapPost("/transactions", (SysproData data, RowChangeRequest body) =>
            SysproControlEndpoints.Change(() => data.BeginChange(body.Table ?? "", body.Key, body.Set)));
        control.MapPost("/transactions/{id:int}/commit", (SysproData data, int id) =>
            SysproControlEndpoints.Change(() => data.Commit(id)));
        control.MapDelete("/transactions/{id:int}", (SysproData data, int id) =>
            SysproControlEndpoints.Change(() => data.Rollback(id)));

        control.MapGet("/paging-hooks", (SysproPagingHooks hooks) => TypedResults.Ok(hooks.State()));
        control.MapPost("/paging-hooks", (SysproPagingHooks hooks, PagingHook body) =>
            SysproControlEndpoints.Change(() => hooks.Add(body)));
        control.MapDelete("/paging-hooks", (SysproPagingHooks hooks) =>
        {
            hooks.Clear();
            return TypedResults.NoContent();
        });

        control.MapGet("/bad-answers", (SysproBadAnswers bad) => TypedResults.Ok(bad.State()));
        control.MapPost("/bad-answers", (SysproBadAnswers bad, BadAnswer body) => SysproControlEndpoints.Change(() => bad.Serve(body)));
        control.MapDelete("/bad-answers", (SysproBadAnswers bad) => TypedResults.Ok(new { lifted = bad.Lift() }));
        control.MapDelete("/bad-answers/{id:int}", (SysproBadAnswers bad, int id) => bad.Lift(id) > 0
            ? Results.Ok(new { lifted = 1 })
            : SysproControlEndpoints.NotFound($"No bad answer {id} is active."));

        control.MapGet("/requests", (SysproRequestCounter counter) => TypedResults.Ok(counter.Snapshot()));
        control.MapDelete("/requests", (SysproRequestCounter counter) =>
        {
            counter.Reset();
            return TypedResults.Ok(counter.Snapshot());
        });
    }
}

/// <summary>
/// PATCH /_sim/syspro/tables/{table} and POST /_sim/syspro/transactions: the row's key columns in order (verbatim)
/// and the columns to set; <see cref="Table"/> only for transactions.
/// </summary>
public sealed record RowChangeRequest(IReadOnlyList<string> Key, IReadOnlyDictionary<string, string?> Set, string? Table = null);
