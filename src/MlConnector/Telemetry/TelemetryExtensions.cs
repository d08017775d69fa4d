using System.Diagnostics.Metrics;
using MlConnector.Access;
using MlConnector.Detection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MlConnector.Telemetry;

internal static class TelemetryExtensions
{
    private const string ServiceInstanceId = "service.instance.id";

    /// <summary>OpenTelemetry metrics for Prometheus (the readiness checks live with the features they check). Every
    /// series carries this process's instance id (<c>service_instance_id</c>: the OpenTelemetry resource attribute
    /// <c>service.instance.id</c>, set from Polling:InstanceId), so instances sharing a database can be told apart.</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SharedGauges>();
        builder.Services.AddSingleton<MetricsSampler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsSampler>());
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddDetector(sp => new InstanceResource(sp.GetRequiredService<PollTracker>().InstanceId)))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SharedGauges.MeterName)
                    .AddPrometheusExporter(prometheus => prometheus.ResourceConstantLabels = key => key == ServiceInstanceId);
                ((IDeferredMeterProviderBuilder)metrics).Configure((services, builder) =>
                    builder.AddView(OwnMetersOnly(services.GetRequiredService<IMeterFactory>())));
            });
        return builder;
    }

    /// <summary>Only the meters this host's factory made: OpenTelemetry listens by meter name across the process, so a
    /// second host in it (tests run several instances in one process) would otherwise export this one's measurements.</summary>
    private static Func<Instrument, MetricStreamConfiguration?> OwnMetersOnly(IMeterFactory own) =>
        instrument => instrument.Meter.Scope == own ? null : MetricStreamConfiguration.Drop;

    /// <summary>/metrics in Prometheus text format, behind the same access rules as the API.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(OperatorRoles.CanView);
        return app;
    }

    /// <summary>The service and this instance, as OpenTelemetry's resource attributes name them.</summary>
    private sealed class InstanceResource(string instanceId) : IResourceDetector
    {
        public Resource Detect() => new([
            new KeyValuePair<string, object>("service.name", "ml-connector"),
            new KeyValuePair<string, object>(ServiceInstanceId, instanceId),
        ]);
    }
}
