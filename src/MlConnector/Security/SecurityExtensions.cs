using Microsoft.Extensions.Options;
using MlConnector.Settings;
using MlConnector.Storage;

namespace MlConnector.Security;

internal static class SecurityExtensions
{
    /// <summary>Encryption at rest: the master key (checked at start-up), the data keys it wraps, the field protector,
    /// key rotation (the <c>keys rotate</c> verb, and a running service picking up the new key id), and the shared home
    /// of the Data Protection key ring on PostgreSQL.</summary>
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindStrictly(SecurityOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SecurityOptions>>().Value;
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var environment = sp.GetRequiredService<IHostEnvironment>();
            if (options.KeyFile is { Length: > 0 } keyFile)
            {
                options.KeyFile = Path.GetFullPath(keyFile, environment.ContentRootPath);
            }

            return MasterKeyLoader.Load(options, storage.DataFolder, Environment.GetEnvironmentVariable);
        });
        builder.Services.AddSingleton<KeyRingStore>();
        builder.Services.AddSingleton<DataKeys>();
        // The keys are opened on first use (start-up does it first), and a key id made since by another process is
        // fetched when a value under it is read. Data Protection and the protector's callers are synchronous.
        builder.Services.AddSingleton(sp => new FieldProtector(
            () => sp.GetRequiredService<DataKeys>().OpenAsync(CancellationToken.None).GetAwaiter().GetResult(),
            keyId => sp.GetRequiredService<DataKeys>().FetchAsync(keyId, CancellationToken.None).GetAwaiter().GetResult()));
        builder.Services.AddSingleton<KeyHolders>();
        builder.Services.AddHostedService<ActivateKeyOnStartup>();
        builder.Services.AddSingleton<SealedColumnRewriter>();
        builder.Services.AddSingleton<KeyRotation>();
        builder.Services.AddSingleton<MasterKeyRotation>();
        builder.Services.AddHostedService<KeyIdRefresher>();
        builder.Services.AddSingleton<DatabaseXmlRepository>();
        return builder;
    }
}
