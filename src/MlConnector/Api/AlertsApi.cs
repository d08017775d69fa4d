using Microsoft.AspNetCore.Http.HttpResults;
using MlConnector.Access;
using MlConnector.Alerts;
using MlConnector.Outbox;

namespace MlConnector.Api;

/// <summary>/api/alerts: list (filtered, paged), detail with the audit timeline, replay and bulk replay.</summary>
internal static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("Alerts");

        group.MapGet("/", (AlertQueries queries, string? state, string? rule, string? company, DateTimeOffset? from,
                DateTimeOffset? to, string? phone, int? page, int? pageSize, string? acknowledgement, string? record, string? person,
                string? text, CancellationToken ct) =>
            queries.ListAsync(new AlertFilter(state, rule, company, from, to, phone, page ?? 1, pageSize ?? 50, acknowledgement, record, person, text), ct))
            .WithSummary("Alerts, newest first; phone is matched through the blind index; acknowledgement=waiting lists the "
                + "texts of events nobody has acknowledged yet, acknowledgement=acknowledged those of acknowledged events; record "
                + "finds a SYSPRO record by its number without the padding (150802 finds 000000000150802); person by a name or id "
                + "in the directory; text finds words in the message (texts are encrypted: it reads the newest 5,000 alerts the other "
                + "filters select, so give from and to to search further back).");

        group.MapGet("/{id:long}", async Task<Results<Ok<AlertDetail>, ProblemHttpResult>> (long id, AlertQueries queries, CancellationToken ct) =>
            await queries.GetAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : NotFound(id))
            .WithSummary("One alert: body, source record and the whole audit timeline.");

        group.MapPost("/{id:long}/replay", async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> (
                long id, ReplayRequest request, ReplayService replay, HttpContext http, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(request.Reason))
                {
                    return ReasonRequired();
                }

                // A replayed alert is pending again; only a pending one is refused.
                return await replay.ReplayAsync(id, Actor.Of(http), request.Reason.Trim(), ct) switch
                {
                    ReplayOutcome.Replayed => TypedResults.Ok(new ReplayResult(id, AlertStates.Pending)),
                    ReplayOutcome.StillPending => TypedResults.Problem(
                        $"Alert {id} is {AlertStates.Pending}: it is already queued or being sent.",
                        statusCode: StatusCodes.Status409Conflict, title: "Not replayable"),
                    ReplayOutcome.Held => TypedResults.Problem(
                        $"Alert {id} is {AlertStates.Held}: release or discard its rule's hold (POST /api/rules/{{id}}/release or /discard).",
                        statusCode: StatusCodes.Status409Conflict, title: "Not replayable"),
                    _ => NotFound(id),
                };
            })
            .RequireAuthorization(OperatorRoles.CanOperate)
            .WithSummary("Re-queue one alert (operators only); the reason goes into the audit trail.");

        group.MapPost("/replay-failed", async Task<Results<Ok<BulkReplayResult>, ProblemHttpResult>> (
                BulkReplayRequest request, ReplayService replay, HttpContext http, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(request.Reason)
                    ? ReasonRequired()
                    : TypedResults.Ok(new BulkReplayResult(await replay.ReplayFailedSinceAsync(request.Since, Actor.Of(http), request.Reason.Trim(), ct))))
            .RequireAuthorization(OperatorRoles.CanOperate)
            .WithSummary("Re-queue every alert that failed since a time (operators only).");
        return api;
    }

    internal static ProblemHttpResult NotFound(object id) =>
        TypedResults.Problem($"No alert {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    internal static ProblemHttpResult ReasonRequired() =>
        TypedResults.Problem("A reason is required; it is kept in the audit trail.", statusCode: StatusCodes.Status400BadRequest,
            title: "Reason required");
}
