using MlConnector.Site;

namespace MlConnector.Templates;

internal static class TemplatesExtensions
{
    /// <summary>The Liquid renderer of SMS texts (templates compile once and are shared), writing dates and amounts
    /// the site's way.</summary>
    public static IHostApplicationBuilder AddTemplates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new TemplateRenderer(sp.GetRequiredService<SiteFormats>()));
        return builder;
    }
}
