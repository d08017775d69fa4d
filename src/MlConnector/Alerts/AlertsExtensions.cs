using MlConnector.Security;

namespace MlConnector.Alerts;

internal static class AlertsExtensions
{
    /// <summary>The owner of tables <c>alerts</c> and <c>delivery_events</c>: every read and write of them, and their
    /// encrypted columns (for key rotation).</summary>
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlertEnqueuer>();
        builder.Services.AddSingleton<AlertLeases>();
        builder.Services.AddSingleton<AttemptRecorder>();
        builder.Services.AddSingleton<DeliveryEvents>();
        builder.Services.AddSingleton<AlertRequeue>();
        builder.Services.AddSingleton<AlertHolds>();
        builder.Services.AddSingleton<AlertQueries>();
        builder.Services.AddSingleton<AlertActivity>();
        builder.Services.AddSingleton<AlertCounts>();
        builder.Services.AddSingleton<NewAlertsSignal>();
        builder.Services.AddSingleton<StaleDeliveries>();
        builder.Services.AddSealedColumn(new SealedColumn("alerts", "id", "recipient_phone", AlertEnqueuer.PhonePurpose));
        builder.Services.AddSealedColumn(new SealedColumn("alerts", "id", "body", AlertEnqueuer.BodyPurpose));
        builder.Services.AddSealedColumn(new SealedColumn("delivery_events", "id", "parameters", DeliveryEvents.ParametersPurpose));
        return builder;
    }
}
