using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Settings;

namespace MlConnector.Hosting;

internal static class HostingExtensions
{
    public const string EnvironmentPrefix = ConnectorEnvironment.Prefix;
    public const string ConfigFileSetting = "config";
    public const string ReloadOnChangeSetting = "hostBuilder:reloadConfigOnChange";

    /// <summary>Configuration sources, logging, time and the default listening address.</summary>
    public static WebApplicationBuilder AddConnectorDefaults(this WebApplicationBuilder builder, string[] args)
    {
        // An explicit --config file, then MLC_-prefixed environment variables (MLC_Storage__Provider), then the
        // command line again so it keeps the last word.
        if (builder.Configuration[ConfigFileSetting] is { Length: > 0 } configFile)
        {
            var path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw SettingsFileException.Missing(path);
            }

            try
            {
                builder.Configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
            }
            catch (InvalidDataException e)
            {
                throw SettingsFileException.From(e, path)!;
            }
        }

        ((IConfigurationBuilder)builder.Configuration).Add(new ConnectorEnvironment());
        builder.Configuration.AddCommandLine(args);
        builder.AddStrictSettings();

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(ConnectorHost.DefaultUrl);
        }

        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });

        // Per-request chatter stays at Debug unless a site asks for it (Logging:LogLevel:... in configuration wins).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new()
        {
            ResultStatusCodes = { [HealthStatus.Degraded] = 200 },
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return app;
    }
}
