using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Storage;

internal static class StorageExtensions
{
    /// <summary>The database (SQLite by default), its dialect, the migrations that run at start-up, and its readiness check.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindStrictly(StorageOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
                options.DataFolder = Path.GetFullPath(options.DataFolder, environment.ContentRootPath))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        builder.Services.AddSingleton<IDbDialect>(sp => CreateDialect(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        builder.Services.AddHostedService<MigrateOnStartup>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static IDbDialect CreateDialect(StorageOptions options) => options.Provider switch
    {
        StorageProvider.Postgres => new PostgresDialect(options),
        _ => new SqliteDialect(options),
    };
}
