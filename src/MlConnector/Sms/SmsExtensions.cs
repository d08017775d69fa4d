using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Sms;

internal static class SmsExtensions
{
    /// <summary>Twilio options (checked at start-up when delivery is on), the SDK-based sender, test texts, this month's
    /// SMS spend and the readiness check of Twilio.</summary>
    public static IHostApplicationBuilder AddSms(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TwilioOptions>().BindStrictly(TwilioOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>();
        builder.Services.AddTransient<TwilioBaseUrlHandler>();
        builder.Services.AddTransient<CreateRequestWatch>();
        // No resilience handler on purpose: a retried POST can send a text twice; the outbox is the only place that
        // retries. The timeout is the HttpClient's (the SDK takes no CancellationToken).
        builder.Services.AddHttpClient(TwilioSmsSender.HttpClientName)
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(TwilioConnections)
            .AddHttpMessageHandler<TwilioBaseUrlHandler>()
            .AddHttpMessageHandler<CreateRequestWatch>();
        builder.Services.AddSingleton<RecentSendOutcomes>();
        builder.Services.AddSingleton<ISmsSender, TwilioSmsSender>();
        builder.Services.AddSingleton<IVoiceCaller, TwilioVoiceCaller>();
        builder.Services.AddSingleton<TwilioAccountProbe>();
        builder.Services.AddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        builder.Services.AddSingleton<WebhookReachabilityProbe>();
        builder.Services.AddSingleton<TwilioSenderSetup>();
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddSingleton<TestSms>();
        builder.Services.AddSingleton<TwilioVerify>();
        // A singleton, so the overview's figure of this month's spend is kept between its refreshes.
        builder.Services.AddSingleton<TwilioUsage>();
        // A singleton, so its once-a-minute Twilio probe result survives between readiness checks.
        builder.Services.AddSingleton<TwilioHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<TwilioHealthCheck>("twilio", tags: ["ready"]);
        return builder;
    }

    /// <summary>The Twilio client's connections: no redirects followed, and each request says when it goes out.</summary>
    internal static HttpMessageHandler TwilioConnections() =>
        new SocketsHttpHandler { AllowAutoRedirect = false, PlaintextStreamFilter = OnWireStream.Wrap };
}
