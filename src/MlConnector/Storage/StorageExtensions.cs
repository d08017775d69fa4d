using Microsoft.Extensions.Options;

namespace MlConnector.Storage;

internal static class StorageExtensions
{
    /// <summary>The database (SQLite by default), its dialect and the migrations that run at start-up.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
                options.DataFolder = Path.GetFullPath(options.DataFolder, environment.ContentRootPath))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        builder.Services.AddSingleton<IDbDialect>(sp => CreateDialect(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        builder.Services.AddHostedService<MigrateOnStartup>();
        return builder;
    }

    public static IDbDialect CreateDialect(StorageOptions options) => options.Provider switch
    {
        StorageProvider.Postgres => new PostgresDialect(options),
        _ => new SqliteDialect(options),
    };
}
