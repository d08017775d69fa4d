using Microsoft.Extensions.Options;

namespace MlConnector.Settings;

internal static class SettingsExtensions
{
    /// <summary>The check of the settings' top level (unknown sections), made at start-up with every feature's own
    /// strict sections (<see cref="StrictBinding.BindStrictly{T}"/>).</summary>
    public static IHostApplicationBuilder AddStrictSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SettingsSections>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SettingsSections>, TopLevelSettingsValidator>();
        return builder;
    }
}
