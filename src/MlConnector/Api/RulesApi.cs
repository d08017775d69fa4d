using Microsoft.AspNetCore.Http.HttpResults;
using MlConnector.Access;
using MlConnector.Detection;

namespace MlConnector.Api;

/// <summary>/api/rules: each rule's configuration and last poll, recent runs, pause and resume.</summary>
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
        return api;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetAsync(string id, bool paused, string? reason,
        RuleControl control, HttpContext http, CancellationToken ct) =>
        await control.SetPausedAsync(id, paused, Actor.Of(http), reason, ct) ? TypedResults.NoContent() : NoRule(id);

    private static ProblemHttpResult NoRule(string id) =>
        TypedResults.Problem($"No rule {id} is configured.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
