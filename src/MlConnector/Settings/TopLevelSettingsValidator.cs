using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Options;

namespace MlConnector.Settings;

/// <summary>
/// The top level of the settings: every key a settings file, the command line or an <c>MLC_</c> variable names must
/// be one of the connector's sections or a host key (<c>$schema</c>, <c>Logging</c>, <c>Kestrel</c>, <c>Urls</c>,
/// <c>AllowedHosts</c>), so a section named <c>Twillio</c> is an error with "did you mean 'Twilio'?" instead of being
/// ignored. The machine's other environment variables are not the connector's, and an <c>MLC_</c> variable without
/// a section (<c>MLC_MASTER_KEY</c>, a test's <c>MLC_TEST_POSTGRES</c>) is not a setting either.
/// </summary>
internal sealed class TopLevelSettingsValidator(IConfiguration configuration) : IValidateOptions<SettingsSections>
{
    public ValidateOptionsResult Validate(string? name, SettingsSections options)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return ValidateOptionsResult.Skip;
        }

        var known = options.All.Keys.Concat(SettingsSections.HostKeys).ToList();
        var failures = new List<string>();
        foreach (var provider in root.Providers)
        {
            foreach (var key in TopLevelKeysOf(provider).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    var where = SourceOf(provider) is { } source ? $" (in {source})" : "";
                    var suggestion = Suggestions.Closest(key, known) is { } match
                        ? $"did you mean '{match}'?"
                        : $"the connector's sections are {string.Join(", ", options.All.Keys)}";
                    failures.Add($"{key}: is not a section of the settings{where}; {suggestion}");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Distinct());
    }

    private static IEnumerable<string> TopLevelKeysOf(IConfigurationProvider provider) => provider switch
    {
        ConnectorEnvironment.Provider => provider.GetChildKeys([], null).Where(k => provider.GetChildKeys([], k).Any()),
        EnvironmentVariablesConfigurationProvider => [],
        _ => provider.GetChildKeys([], null),
    };

    private static string? SourceOf(IConfigurationProvider provider) => provider switch
    {
        FileConfigurationProvider file => file.Source.FileProvider?.GetFileInfo(file.Source.Path ?? "").PhysicalPath ?? file.Source.Path,
        CommandLineConfigurationProvider => "the command line",
        ConnectorEnvironment.Provider => $"the {ConnectorEnvironment.Prefix} environment variables",
        _ => null,
    };
}
