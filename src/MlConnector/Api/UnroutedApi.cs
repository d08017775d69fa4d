using Microsoft.AspNetCore.Http.HttpResults;
using MlConnector.Detection;

namespace MlConnector.Api;

/// <summary>/api/unrouted: events whose recipients resolved to nobody (a code without a route, an empty group), with why.</summary>
internal static class UnroutedApi
{
    public static RouteGroupBuilder MapUnroutedApi(this RouteGroupBuilder api)
    {
        api.MapGet("/unrouted", ListAsync).WithTags("Rules")
            .WithSummary("Events that texted nobody, newest first: rule, record, transition and why nobody was chosen.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<UnroutedEvent>>> ListAsync(
        UnroutedEvents unrouted, string? rule, string? company, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await unrouted.ListAsync(rule, company, limit ?? 100, ct));
}
