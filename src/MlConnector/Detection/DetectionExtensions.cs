using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Detection;

internal static class DetectionExtensions
{
    /// <summary>Change detection, the polling loop that enqueues alerts, the rules' stored state (pause, leases, polls)
    /// and the readiness check of SYSPRO as the polls see it.</summary>
    public static IHostApplicationBuilder AddDetection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PollingOptions>().BindStrictly(PollingOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PollingOptions>, PollingOptionsValidator>();
        builder.Services.AddSingleton<PollTracker>();
        builder.Services.AddSingleton<PollMetrics>();
        builder.Services.AddSingleton<RuleStateStore>();
        builder.Services.AddSingleton<RuleLeases>();
        builder.Services.AddSingleton<AnswerGuard>();
        builder.Services.AddSingleton<LookupFailures>();
        builder.Services.AddSingleton<RowVersionReads>();
        builder.Services.AddSingleton<RuleReads>();
        builder.Services.AddSingleton<RulePoller>();
        builder.Services.AddSingleton<RuleQueries>();
        builder.Services.AddSingleton<RuleControl>();
        builder.Services.AddSingleton<RuleHolds>();
        builder.Services.AddSingleton<RuleSchemas>();
        builder.Services.AddSingleton<UnroutedEvents>();
        // Before the scheduler: the instance id is checked (and a dead predecessor's leases freed) before any poll.
        builder.Services.AddSingleton<InstanceRegistry>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InstanceRegistry>());
        builder.Services.AddHostedService<PollingScheduler>();
        builder.Services.AddHealthChecks().AddCheck<SysproHealthCheck>("syspro", tags: ["ready"]);
        return builder;
    }
}
