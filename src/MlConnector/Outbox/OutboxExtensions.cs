using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Outbox;

internal static class OutboxExtensions
{
    /// <summary>The dispatcher that sends due alerts (claimed through the alerts' leases), its rate budget, and replay.</summary>
    public static IHostApplicationBuilder AddOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>().BindStrictly(OutboxOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        builder.Services.AddSingleton<AttemptRunner>();
        builder.Services.AddSingleton<SendMetrics>();
        builder.Services.AddSingleton<InDoubtReconciler>();
        builder.Services.AddSingleton<SendBudget>();
        builder.Services.AddSingleton<DispatcherActivity>();
        builder.Services.AddSingleton<ReplayService>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddHostedService<DeliveryStatusRefresher>();
        builder.Services.AddHostedService<QuietDigests>();
        return builder;
    }
}
