namespace MlConnector.Dashboard;

/// <summary>
/// Whether an address is one the dashboard may answer with its 404 page, i.e. one a person's browser asks for, not one
/// of the programs' paths (the API, the OpenAPI document, Twilio's webhooks, metrics and health probes), whose callers
/// expect a bare status.
/// </summary>
public static class DashboardAddress
{
    private static readonly string[] ProgramPaths = ["/api", "/openapi", "/webhooks", "/metrics", "/health"];

    public static bool IsFor(PathString path) => !ProgramPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}
