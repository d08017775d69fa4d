using MlConnector.Settings;

namespace MlConnector.Acknowledgement;

internal static class AcknowledgementExtensions
{
    /// <summary>Two-way texts: the events that ask for a reply, the reading of replies, and the timers of escalations
    /// and reminders.</summary>
    public static IHostApplicationBuilder AddAcknowledgement(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AcknowledgeDefaults>().BindStrictly(AcknowledgeDefaults.SectionName)
            .Validate(o => o.Window >= TimeSpan.FromMinutes(1), "Acknowledge:Window must be at least 00:01:00.").ValidateOnStart();
        builder.Services.AddSingleton<AcknowledgedAlerts>();
        builder.Services.AddSingleton<AckReplies>();
        builder.Services.AddHostedService<AcknowledgementTimers>();
        return builder;
    }
}
