using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Syspro;

internal static class SysproExtensions
{
    public const string ODataClient = "syspro-odata";
    public const string EnetClient = "syspro-enet";

    /// <summary>The SYSPRO settings of every company, and the two transports of each over IHttpClientFactory with a
    /// resilience handler for these GETs, timed by that company's own settings.</summary>
    public static IHostApplicationBuilder AddSyspro(this IHostApplicationBuilder builder)
    {
        // e.net answers in Windows-1252.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        builder.Services.AddOptions<SysproOptions>().BindStrictly(SysproOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SysproOptions>, SysproOptionsValidator>();
        builder.Services.AddOptions<CompaniesOptions>().BindStrictly(CompaniesOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CompaniesOptions>, CompaniesOptionsValidator>();

        // Client registrations need the company ids now; their timeouts come from the validated options when used.
        var clients = new SysproClients([SysproCompanies.DefaultId,
            .. builder.Configuration.GetSection(CompaniesOptions.SectionName).GetChildren().Select(c => c.Key)]);
        builder.Services.AddSingleton(clients);
        foreach (var company in clients.Companies)
        {
            // Neither client logs requests: e.net URLs carry the password and the UserId.
            builder.Services.AddHttpClient(clients.NameOf(ODataClient, company)).RemoveAllLoggers().AddStandardResilienceHandler()
                .Configure((HttpStandardResilienceOptions o, IServiceProvider sp) => Timeouts(o, SettingsOf(sp, company).OData.Timeout));
            builder.Services.AddHttpClient(clients.NameOf(EnetClient, company)).RemoveAllLoggers().AddStandardResilienceHandler()
                .Configure((HttpStandardResilienceOptions o, IServiceProvider sp) => Timeouts(o, SettingsOf(sp, company).Enet.Timeout));
        }

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

    /// <summary>A company's own settings: <c>Companies:{id}:Syspro</c>, or <c>Syspro</c> for the default company.</summary>
    private static SysproOptions SettingsOf(IServiceProvider services, string company) =>
        services.GetRequiredService<IOptions<CompaniesOptions>>().Value.TryGetValue(company, out var configured)
            ? configured.Syspro
            : services.GetRequiredService<IOptions<SysproOptions>>().Value;

    private static void Timeouts(HttpStandardResilienceOptions o, TimeSpan timeout)
    {
        o.AttemptTimeout.Timeout = timeout;
        o.CircuitBreaker.SamplingDuration = timeout * 2 < TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : timeout * 2;
        o.TotalRequestTimeout.Timeout = timeout * 3;
    }
}
