using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MlConnector.Access;

/// <summary>Dashboard sessions: a cookie carrying the user's name, role, security stamp and session id. Every request
/// compares them with the user's row and the session's row (<see cref="ValidateAsync"/>), so a sign-out, a new password
/// or role, <c>users remove</c>, or an admin ending that one session ends it at once, on every instance sharing the
/// database.</summary>
public static class OperatorSessions
{
    public const string StampClaim = "mlc:stamp";
    public const string SessionClaim = "mlc:session";

    /// <summary>Starts a session (a row of <see cref="SessionStore"/>) and sets its cookie.</summary>
    /// <param name="signedInWith">How the user proved who they are: <see cref="SessionStore.WithPassword"/>, or the
    /// password and a second factor.</param>
    public static async Task SignInAsync(HttpContext context, OperatorUser user, string signedInWith)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var sessionId = await context.RequestServices.GetRequiredService<SessionStore>().StartAsync(user.UserName,
            context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString(), signedInWith, context.RequestAborted);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, user.UserName), new Claim(ClaimTypes.Role, user.Role), new Claim(StampClaim, user.SecurityStamp),
            new Claim(SessionClaim, sessionId),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Signs out here and ends the user's sessions everywhere (a copied cookie is refused from now on).</summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsCookieSession(context.User) && context.User.Identity?.Name is { Length: > 0 } name)
        {
            await context.RequestServices.GetRequiredService<OperatorStore>().EndSessionsAsync(name, context.RequestAborted);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Whether the request is signed in by the session cookie (not an API key).</summary>
    public static bool IsCookieSession(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };

    /// <summary>The session id of a cookie-signed request (null for an API key or loopback).</summary>
    public static string? SessionIdOf(ClaimsPrincipal user) =>
        user is not null && IsCookieSession(user) ? user.FindFirst(SessionClaim)?.Value : null;

    /// <summary>The cookie handler's check on every request: the session still exists, and the user still exists with
    /// this stamp and role. A cookie from before sessions were rows has no session id and is refused (sign in again).</summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var name = principal?.Identity?.Name;
        var sessionId = principal?.FindFirst(SessionClaim)?.Value;
        var current = name is null || sessionId is null ? null
            : await context.HttpContext.RequestServices.GetRequiredService<SessionStore>().CheckAsync(name, sessionId, context.HttpContext.RequestAborted);
        if (current is { } row && row.Stamp.Length > 0 && principal!.FindFirst(StampClaim)?.Value == row.Stamp
            && principal.FindFirst(ClaimTypes.Role)?.Value == row.Role)
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
