namespace MlConnector.Hosting;

internal static class ServiceHosting
{
    /// <summary>Runs as a Windows Service or a systemd unit when started by one (each is a no-op otherwise).</summary>
    public static IHostApplicationBuilder AddServiceHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWindowsService(o => o.ServiceName = "ml-connector");
        builder.Services.AddSystemd();
        return builder;
    }
}
