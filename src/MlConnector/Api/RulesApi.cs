using Microsoft.AspNetCore.Http.HttpResults;
using MlConnector.Access;
using MlConnector.Alerts;
using MlConnector.Detection;

namespace MlConnector.Api;

/// <summary>/api/rules: each rule's configuration, last poll, hold and schema state, recent runs; pause and resume;
/// release or discard a held poll.</summary>
internal static class RulesApi
{
    public static RouteGroupBuilder MapRulesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/rules").WithTags("Rules");

        group.MapGet("/", (RuleQueries rules, CancellationToken ct) => rules.StatusAsync(ct))
            .WithSummary("Every rule: configuration, paused, last poll (when, duration, rows, events, error) and lag.");

        group.MapGet("/{id}", async Task<Results<Ok<RuleDetail>, ProblemHttpResult>> (string id, RuleQueries rules, CancellationToken ct) =>
            (await rules.StatusAsync(ct)).FirstOrDefault(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase)) is { } rule
                ? TypedResults.Ok(new RuleDetail(rule, await rules.RecentRunsAsync(rule.Id, 20, ct)))
                : NoRule(id));

        group.MapPost("/{id}/pause", (string id, PauseRequest? request, RuleControl control, HttpContext http, CancellationToken ct) =>
                SetAsync(id, true, request?.Reason, control, http, ct))
            .RequireAuthorization(OperatorRoles.CanOperate).WithSummary("Stop polling a rule (operators only).");
        group.MapPost("/{id}/resume", (string id, PauseRequest? request, RuleControl control, HttpContext http, CancellationToken ct) =>
                SetAsync(id, false, request?.Reason, control, http, ct))
            .RequireAuthorization(OperatorRoles.CanOperate).WithSummary("Poll a paused rule again (operators only).");
        group.MapPost("/{id}/release", (string id, HoldRequest? request, RuleHolds holds, NewAlertsSignal newAlerts, HttpContext http,
                CancellationToken ct) => EndHoldAsync(id, release: true, request?.Reason, holds, newAlerts, http, ct))
            .RequireAuthorization(OperatorRoles.CanOperate)
            .WithSummary("Queue every held alert of a rule, each sent once (operators only; a reason is required and audited per alert).");
        group.MapPost("/{id}/discard", (string id, HoldRequest? request, RuleHolds holds, NewAlertsSignal newAlerts, HttpContext http,
                CancellationToken ct) => EndHoldAsync(id, release: false, request?.Reason, holds, newAlerts, http, ct))
            .RequireAuthorization(OperatorRoles.CanOperate)
            .WithSummary("Discard every held alert of a rule: none is sent (operators only; a reason is required and audited per alert).");
        return api;
    }

    private static async Task<Results<Ok<HoldResult>, ProblemHttpResult>> EndHoldAsync(string id, bool release, string? reason,
        RuleHolds holds, NewAlertsSignal newAlerts, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return AlertsApi.ReasonRequired();
        }

        var (outcome, alerts) = release
            ? await holds.ReleaseAsync(id, Actor.Of(http), reason, ct)
            : await holds.DiscardAsync(id, Actor.Of(http), reason, ct);
        if (release && alerts > 0)
        {
            newAlerts.Raise();
        }

        return outcome switch
        {
            HoldOutcome.Done => TypedResults.Ok(new HoldResult(id, release ? "released" : "discarded", alerts)),
            HoldOutcome.NothingHeld => TypedResults.Problem($"Rule {id} has no held alerts.", statusCode: StatusCodes.Status409Conflict,
                title: "Nothing held"),
            _ => NoRule(id),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetAsync(string id, bool paused, string? reason,
        RuleControl control, HttpContext http, CancellationToken ct) =>
        await control.SetPausedAsync(id, paused, Actor.Of(http), reason, ct) ? TypedResults.NoContent() : NoRule(id);

    private static ProblemHttpResult NoRule(string id) =>
        TypedResults.Problem($"No rule {id} is configured.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
