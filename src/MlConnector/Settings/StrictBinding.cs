using Microsoft.Extensions.Options;

namespace MlConnector.Settings;

public static class StrictBinding
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> after <see cref="SettingsCheck"/> found
    /// nothing wrong; otherwise resolving the options throws an <see cref="OptionsValidationException"/> listing every
    /// problem, which start-up (ValidateOnStart) and <c>config validate</c> report.</summary>
    public static OptionsBuilder<T> BindStrictly<T>(this OptionsBuilder<T> builder, string section)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SettingsSections>().Configure(s => s.Add(section, typeof(T)));
        builder.Configure<IConfiguration>((options, configuration) => Bind(configuration.GetSection(section), options, section));
        return builder;
    }

    /// <summary>Checks and binds one section (also a company's <c>Companies:{id}:Syspro</c>).</summary>
    public static void Bind(IConfigurationSection section, object options, string path)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var problems = SettingsCheck.Problems(section, options.GetType(), path);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(path, options.GetType(), problems);
        }

        section.Bind(options);
    }
}
