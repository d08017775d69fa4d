using MlConnector.Outbox;

namespace MlConnector.Detection;

internal static class DetectionExtensions
{
    /// <summary>Change detection and the polling loop that feeds the outbox.</summary>
    public static IHostApplicationBuilder AddDetection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PollingOptions>().BindConfiguration(PollingOptions.SectionName);
        builder.Services.AddSingleton<PollTracker>();
        builder.Services.AddSingleton<RuleStateStore>();
        builder.Services.AddSingleton<RuleLeases>();
        builder.Services.AddSingleton<OutboxWriter>();
        builder.Services.AddSingleton<RulePoller>();
        builder.Services.AddHostedService<PollingScheduler>();
        return builder;
    }
}
