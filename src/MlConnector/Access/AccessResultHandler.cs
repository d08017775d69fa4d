using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace MlConnector.Access;

/// <summary>Refusals: loopback-only says why; the API and /metrics answer 401/403 as ProblemDetails instead of
/// redirecting to the sign-in page.</summary>
internal sealed class AccessResultHandler(IProblemDetailsService problems, AccessState state) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded)
        {
            await next(context);
            return;
        }

        // A challenge carries no failure reasons, so ask again rather than read them.
        var loopbackOnly = !Actor.IsLoopback(context) && !await state.IsConfiguredAsync(context.RequestAborted);
        if (loopbackOnly)
        {
            await WriteAsync(context, StatusCodes.Status403Forbidden, "Loopback only",
                "No users or API keys are configured, so ml-connector answers requests from this machine only. " +
                "Create a user with `ml-connector users add`.");
            return;
        }

        if (IsMachineRoute(context.Request.Path))
        {
            var signedIn = context.User.Identity?.IsAuthenticated == true;
            await WriteAsync(context, signedIn ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                signedIn ? "Forbidden" : "Unauthorized",
                signedIn ? "This needs the operator role." : "Send an API key in the X-Api-Key header (or Authorization: Bearer).");
            return;
        }

        await _default.HandleAsync(next, context, policy, result);
    }

    private static bool IsMachineRoute(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/metrics");

    private Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        problems.WriteOrJsonAsync(context, status, title, detail);
}
