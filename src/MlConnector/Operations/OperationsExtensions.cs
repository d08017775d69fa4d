namespace MlConnector.Operations;

internal static class OperationsExtensions
{
    /// <summary>The query and command services shared by the dashboard, the API and the CLI.</summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlertQueries>();
        builder.Services.AddSingleton<RuleQueries>();
        builder.Services.AddSingleton<InboundQueries>();
        builder.Services.AddSingleton<OverviewQueries>();
        builder.Services.AddSingleton<IAlertReplayer, AlertReplayer>();
        builder.Services.AddSingleton<RuleControl>();
        builder.Services.AddSingleton<TestSms>();
        builder.Services.AddSingleton<KeyRotation>();
        builder.Services.AddHostedService<KeyIdRefresher>();
        return builder;
    }
}
