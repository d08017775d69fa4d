using MlConnector.Access;
using OpenTelemetry.Metrics;

namespace MlConnector.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>OpenTelemetry metrics for Prometheus (the readiness checks live with the features they check).</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
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
