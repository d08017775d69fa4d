using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using MlConnector.Access;

namespace MlConnector.Api;

/// <summary>/api/users (who may sign in, and who is locked out) and /api/antiforgery (the token a cookie session sends
/// with a change).</summary>
internal static class AccessApi
{
    public static RouteGroupBuilder MapAccessApi(this RouteGroupBuilder api)
    {
        api.MapGet("/users", async (OperatorStore operators, CancellationToken ct) => TypedResults.Ok(
                (await operators.ListAsync(ct)).Select(u => new UserSummary(u.UserName, u.Role, u.LockedUntil)).ToList()))
            .RequireAuthorization(OperatorRoles.CanOperate).WithTags("Access")
            .WithSummary("Dashboard users: role, and until when sign-in is locked after too many wrong passwords (operators only).");

        api.MapGet("/antiforgery", Ok<AntiforgeryToken> (IAntiforgery antiforgery, HttpContext http) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return TypedResults.Ok(new AntiforgeryToken(tokens.HeaderName ?? SessionAntiforgeryFilter.HeaderName, tokens.RequestToken ?? ""));
            }).WithTags("Access")
            .WithSummary("The antiforgery token a session-cookie client sends in the named header with every POST (API keys need none).");
        return api;
    }
}

public sealed record UserSummary(string UserName, string Role, DateTimeOffset? LockedUntil);

public sealed record AntiforgeryToken(string HeaderName, string Token);
