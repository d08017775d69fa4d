using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlConnector.Hosting;

/// <summary>/health/ready as JSON: the overall status and, per check, its status, description and data (which
/// instance answered, which instance polls each rule), so an operator or a load balancer sees why.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.ToDictionary(d => d.Key, d => d.Value?.ToString()),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
