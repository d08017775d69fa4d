using MlConnector.Access;

namespace MlConnector.Dashboard;

internal static class DashboardExtensions
{
    /// <summary>The server-rendered dashboard (Razor Pages, no JavaScript): every page needs a viewer, forms carry
    /// antiforgery tokens (checked on every POST), and changes check the operator role in the handler (the admin role on
    /// the pages that manage users, API keys and sessions).</summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Dashboard/Pages";
            o.Conventions.AuthorizeFolder("/", OperatorRoles.CanView);
            o.Conventions.AuthorizePage("/Users", OperatorRoles.CanOperate);
            o.Conventions.AuthorizePage("/ApiKeys", OperatorRoles.CanAdminister);
            o.Conventions.AuthorizePage("/Sessions", OperatorRoles.CanAdminister);
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/LoginCode");
            o.Conventions.AllowAnonymousToPage("/Denied");
            o.Conventions.AllowAnonymousToPage("/NotFound");
        })
        // The pages are compiled into this assembly, and only it is searched: named, so a host started from another
        // entry assembly (the integration tests, a service wrapper) finds them too; alone, so the assemblies MVC would
        // otherwise search (the simulators' OData controllers with the OData libraries) are not loaded by the service.
        .ConfigureApplicationPartManager(parts => parts.ApplicationParts.Clear())
        .AddApplicationPart(typeof(DashboardExtensions).Assembly);
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "mlc.antiforgery");
        builder.Services.AddSingleton<OverviewQueries>();
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapRazorPages();
        // An address nothing else answers gets the dashboard's own 404 page (with the navigation), except under /api,
        // /webhooks and /openapi, whose callers are programs that expect a bare status.
        app.MapFallbackToPage("{*path:regex(^(?!(api|webhooks|openapi)(/|$)).*$)}", "/NotFound");
        return app;
    }
}
