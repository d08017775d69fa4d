using Microsoft.Extensions.Options;

namespace MlConnector.Syspro;

/// <summary>
/// The one place <see cref="SysproOptions"/> is bound: options named after a company id read that company's section
/// (<see cref="SysproCompanies.SettingsPathOf"/>); the unnamed options (<c>IOptions&lt;SysproOptions&gt;</c>) read
/// the <c>Syspro</c> section.
/// </summary>
internal sealed class SysproOptionsSetup(IConfiguration configuration) : IConfigureNamedOptions<SysproOptions>
{
    public void Configure(SysproOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, SysproOptions options) =>
        configuration.GetSection(string.IsNullOrEmpty(name) ? SysproOptions.SectionName : SysproCompanies.SettingsPathOf(configuration, name))
            .Bind(options);
}
