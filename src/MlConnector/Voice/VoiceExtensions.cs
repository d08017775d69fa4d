namespace MlConnector.Voice;

internal static class VoiceExtensions
{
    /// <summary>Voice calls for what cannot wait: the rounds that place them and the handler of Twilio's requests
    /// about them (mapped with the other Twilio webhooks).</summary>
    public static IHostApplicationBuilder AddVoice(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<VoiceWebhookHandler>();
        builder.Services.AddHostedService<VoiceCalls>();
        return builder;
    }
}
