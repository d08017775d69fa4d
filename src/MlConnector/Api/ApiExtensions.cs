using MlConnector.Access;
using Scalar.AspNetCore;

namespace MlConnector.Api;

internal static class ApiExtensions
{
    /// <summary>The browsable reference of the API, on the dashboard's "API" link.</summary>
    public const string ReferencePath = "/api-reference";

    /// <summary>The JSON API's OpenAPI document, which says how to sign in to the API.</summary>
    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<ApiSecuritySchemes>());
        return builder;
    }

    /// <summary>/api (viewer to read, operator to change), its OpenAPI document at /openapi/v1.json and its reference
    /// page at /api-reference (viewer).</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        // A change signed in by the session cookie needs the antiforgery header too; API keys do not.
        var api = app.MapGroup("/api").RequireAuthorization(OperatorRoles.CanView).AddEndpointFilter<SessionAntiforgeryFilter>();
        api.MapAlertsApi();
        api.MapRulesApi();
        api.MapUnroutedApi();
        api.MapAuditApi();
        api.MapAccessApi();
        app.MapOpenApi().RequireAuthorization(OperatorRoles.CanView);
        // The page and its script are served from the package: a server without internet shows it whole. Nothing of
        // Scalar's that calls out is on: fonts from its CDN, telemetry, its AI agent, MCP, and the developer toolbar
        // (share, deploy) it shows on localhost.
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("ml-connector API")
                .AddPreferredSecuritySchemes(ApiSecuritySchemes.ApiKey)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools())
            .RequireAuthorization(OperatorRoles.CanView);
        return app;
    }
}
