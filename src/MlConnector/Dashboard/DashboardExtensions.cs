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
        // otherwise search (the simulators' OData controllers with the OData libraries) are not searched (nor loaded:
        // the build names no other part, see GenerateMvcApplicationPartsAssemblyAttributes in the project).
        .ConfigureApplicationPartManager(parts => parts.ApplicationParts.Clear())
        .AddApplicationPart(typeof(DashboardExtensions).Assembly);
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "mlc.antiforgery");
        builder.Services.AddSingleton<OverviewQueries>();
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapRazorPages();
        // An address no endpoint answers, asked for by a browser (GET), is sent to the dashboard's own 404 page (with
        // the navigation); the programs' paths keep their bare status (DashboardAddress). A fallback endpoint would
        // change routing's answers for them (a wrong method's 405 became 404), so this looks only at requests that
        // matched nothing.
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted && context.GetEndpoint() is null
                && HttpMethods.IsGet(context.Request.Method) && DashboardAddress.IsFor(context.Request.Path))
            {
                context.Response.Redirect("/not-found");
            }
        });
        return app;
    }
}
