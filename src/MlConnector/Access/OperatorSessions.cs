using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MlConnector.Access;

/// <summary>Dashboard sessions: a cookie carrying the user's name, role and security stamp. Every request compares the
/// stamp and role with the user's row (<see cref="ValidateAsync"/>), so a sign-out, a new password or role, or
/// <c>users remove</c> ends every session of that user at once, on every instance sharing the database.</summary>
public static class OperatorSessions
{
    public const string StampClaim = "mlc:stamp";

    public static Task SignInAsync(HttpContext context, OperatorUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.UserName), new Claim(ClaimTypes.Role, user.Role), new Claim(StampClaim, user.SecurityStamp)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
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

    /// <summary>The cookie handler's check on every request: the user still exists with this stamp and role.</summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var name = principal?.Identity?.Name;
        var current = name is null ? null
            : await context.HttpContext.RequestServices.GetRequiredService<OperatorStore>().SessionOfAsync(name, context.HttpContext.RequestAborted);
        if (current is { } row && row.Stamp.Length > 0 && principal!.FindFirst(StampClaim)?.Value == row.Stamp
            && principal.FindFirst(ClaimTypes.Role)?.Value == row.Role)
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
