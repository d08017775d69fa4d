using Microsoft.AspNetCore.Antiforgery;

namespace MlConnector.Access;

/// <summary>A state-changing API request signed in by the session cookie must also carry the antiforgery token in the
/// <see cref="HeaderName"/> header (from <c>GET /api/antiforgery</c>): a cookie alone is what a cross-site form or
/// fetch can send. API keys need no token (a browser never adds them by itself).</summary>
internal sealed class SessionAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (!safe && OperatorSessions.IsCookieSession(http.User) && !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(
                $"A change signed in by the session cookie needs the antiforgery token in the {HeaderName} header " +
                "(GET /api/antiforgery gives it), or use an API key.",
                statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token required");
        }

        return await next(context);
    }
}
