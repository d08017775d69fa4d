using System.Security.Claims;
using MlConnector.Access;

namespace MlConnector.Dashboard;

/// <summary>The dashboard's main navigation: every page a signed-in user may open, in the order the header lists them.</summary>
public static class Navigation
{
    private static readonly (string Href, string Name, string? Role)[] Pages =
    [
        ("/", "Overview", null),
        ("/alerts", "Alerts", null),
        ("/rules", "Rules", null),
        ("/people", "People", null),
        ("/inbound", "Inbound", null),
        ("/opt-outs", "Opt-outs", null),
        ("/audit", "Audit", null),
        ("/test-sms", "Test SMS", null),
        ("/api-reference/", "API", null),
        ("/users", "Users", OperatorRoles.Operator),
        ("/api-keys", "API keys", OperatorRoles.Admin),
    ];

    /// <summary>The links <paramref name="user"/> sees: pages needing a role are listed only to those who have it (and
    /// to the local operator of a site without users, who is not signed in and may do everything).</summary>
    public static IEnumerable<(string Href, string Name)> For(ClaimsPrincipal user) =>
        Pages.Where(p => p.Role is null || user.Identity?.IsAuthenticated != true || Actor.IsInRole(user, p.Role))
            .Select(p => (p.Href, p.Name));

    /// <summary>Whether the link is the current page's section (the overview only for "/" itself).</summary>
    public static bool IsCurrent(string? path, string href) =>
        href == "/" ? path is "/" or "" : path is not null && (path == href || path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase));
}
