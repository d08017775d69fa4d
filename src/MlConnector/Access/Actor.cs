using System.Net;
using System.Security.Claims;

namespace MlConnector.Access;

/// <summary>Who did something, for the audit trail: the signed-in user, the API key, or "local" (loopback, no users).</summary>
public static class Actor
{
    public const string Local = "local";
    public const string ApiKeyPrefix = "apikey:";

    public static string Of(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Local;

    public static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address);

    /// <summary>Whether the signed-in user's role includes <paramref name="role"/> (an admin operates, an operator views).</summary>
    public static bool IsInRole(ClaimsPrincipal user, string role) =>
        user.Identity?.IsAuthenticated == true && OperatorRoles.Includes(user.FindFirst(ClaimTypes.Role)?.Value, role);
}
