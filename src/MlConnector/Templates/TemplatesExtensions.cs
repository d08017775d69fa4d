namespace MlConnector.Templates;

internal static class TemplatesExtensions
{
    /// <summary>The Liquid renderer of SMS texts (templates compile once and are shared).</summary>
    public static IHostApplicationBuilder AddTemplates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TemplateRenderer>();
        return builder;
    }
}
