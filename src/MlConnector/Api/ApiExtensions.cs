using MlConnector.Access;

namespace MlConnector.Api;

internal static class ApiExtensions
{
    /// <summary>The JSON API's OpenAPI document.</summary>
    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>/api (viewer to read, operator to change) and its OpenAPI document at /openapi/v1.json.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(OperatorRoles.CanView);
        api.MapAlertsApi();
        api.MapRulesApi();
        api.MapUnroutedApi();
        api.MapAuditApi();
        app.MapOpenApi().RequireAuthorization(OperatorRoles.CanView);
        return app;
    }
}
