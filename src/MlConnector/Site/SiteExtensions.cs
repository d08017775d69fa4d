using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Site;

internal static class SiteExtensions
{
    /// <summary>The site's time zone and formats (<c>Site</c>), checked at start, and <see cref="SiteTime"/> for every
    /// feature that shows a time to people.</summary>
    public static IHostApplicationBuilder AddSite(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>().BindStrictly(SiteOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidator>();
        builder.Services.AddSingleton<SiteTime>();
        builder.Services.AddSingleton<SiteFormats>();
        return builder;
    }
}
