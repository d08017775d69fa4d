using Microsoft.Extensions.Options;
using MlConnector.Settings;
using MlConnector.Storage;

namespace MlConnector.Security;

internal static class SecurityExtensions
{
    /// <summary>Encryption at rest: the master key (checked at start-up), the field protector, and key rotation (the
    /// <c>keys rotate</c> verb, and a running service picking up the new key id).</summary>
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
        builder.Services.AddSingleton(sp => new FieldProtector(sp.GetRequiredService<MasterKey>()));
        builder.Services.AddSingleton<KeyRingStore>();
        builder.Services.AddHostedService<ActivateKeyOnStartup>();
        builder.Services.AddSingleton<KeyRotation>();
        builder.Services.AddHostedService<KeyIdRefresher>();
        return builder;
    }
}
