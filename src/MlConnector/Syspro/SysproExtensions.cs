using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace MlConnector.Syspro;

internal static class SysproExtensions
{
    public const string ODataClient = "syspro-odata";
    public const string EnetClient = "syspro-enet";

    /// <summary>The two SYSPRO transports over IHttpClientFactory, with a resilience handler for these GETs.</summary>
    public static IHostApplicationBuilder AddSyspro(this IHostApplicationBuilder builder)
    {
        // e.net answers in Windows-1252.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        builder.Services.AddOptions<SysproOptions>();
        builder.Services.AddSingleton<IConfigureOptions<SysproOptions>, SysproOptionsSetup>();

        // Neither client logs requests: e.net URLs carry the password and the UserId.
        builder.Services.AddHttpClient(ODataClient).RemoveAllLoggers().AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions o, IServiceProvider sp) => Timeouts(o, sp.GetRequiredService<IOptions<SysproOptions>>().Value.OData.Timeout));
        builder.Services.AddHttpClient(EnetClient).RemoveAllLoggers().AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions o, IServiceProvider sp) => Timeouts(o, sp.GetRequiredService<IOptions<SysproOptions>>().Value.Enet.Timeout));

        builder.Services.AddSingleton<SysproCompanies>();
        builder.Services.AddSingleton<Rules.IRuleCompanies>(sp => sp.GetRequiredService<SysproCompanies>());
        // The default company's connections, for code and tests that speak of "the" SYSPRO.
        builder.Services.AddSingleton(sp => sp.GetRequiredService<SysproCompanies>().Default.OData);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<SysproCompanies>().Default.Session);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<SysproCompanies>().Default.Enet);
        builder.Services.AddHostedService<CompanyRegistration>();
        builder.Services.AddSingleton<SysproSources>();
        builder.Services.AddSingleton<SysproProbe>();
        builder.Services.AddSingleton<SysproTableCheck>();
        builder.Services.AddHostedService<EnetSessionKeeper>();
        return builder;
    }

    private static void Timeouts(HttpStandardResilienceOptions o, TimeSpan timeout)
    {
        o.AttemptTimeout.Timeout = timeout;
        o.CircuitBreaker.SamplingDuration = timeout * 2 < TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : timeout * 2;
        o.TotalRequestTimeout.Timeout = timeout * 3;
    }
}
