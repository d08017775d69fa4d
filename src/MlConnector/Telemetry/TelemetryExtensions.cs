using MlConnector.Access;
using OpenTelemetry.Metrics;

namespace MlConnector.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>Readiness checks (database, SYSPRO, Twilio) and OpenTelemetry metrics for Prometheus.</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        // A singleton, so its once-a-minute Twilio probe result survives between readiness checks.
        builder.Services.AddSingleton<TwilioHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<SysproHealthCheck>("syspro", tags: ["ready"])
            .AddCheck<TwilioHealthCheck>("twilio", tags: ["ready"]);
        builder.Services.AddSingleton<ConnectorMetrics>();
        builder.Services.AddSingleton<MetricsSampler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsSampler>());
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ConnectorMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>/metrics in Prometheus text format, behind the same access rules as the API.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(OperatorRoles.CanView);
        return app;
    }
}
