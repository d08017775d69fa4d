using MlConnector.Security;
using MlConnector.Sms;

namespace MlConnector.Webhooks;

/// <summary>POST /webhooks/twilio/status and /inbound: the only anonymous routes; the Twilio signature is the auth.</summary>
internal static class TwilioWebhooks
{
    private const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response/>""";

    /// <summary>The handlers of Twilio's status callbacks and inbound texts, and the inbound texts' reader.</summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StatusCallbackHandler>();
        builder.Services.AddSingleton<InboundHandler>();
        builder.Services.AddSingleton<TwilioSignatureFilter>();
        builder.Services.AddSingleton<WebhookRefusals>();
        builder.Services.AddSingleton<InboundMessages>();
        builder.Services.AddSealedColumn(new SealedColumn("inbound_messages", "id", "from_phone", InboundHandler.PhonePurpose));
        builder.Services.AddSealedColumn(new SealedColumn("inbound_messages", "id", "body", InboundHandler.BodyPurpose));
        return builder;
    }

    public static WebApplication MapTwilioWebhooks(this WebApplication app)
    {
        var group = app.MapGroup("/webhooks/twilio").AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter<TwilioSignatureFilter>();
        group.MapPost(PublicUrls.StatusPath["/webhooks/twilio".Length..], async (HttpRequest request, StatusCallbackHandler handler) =>
        {
            await handler.HandleAsync(await FormAsync(request), request.HttpContext.RequestAborted);
            return TypedResults.Ok();
        });
        group.MapPost(PublicUrls.InboundPath["/webhooks/twilio".Length..], async (HttpRequest request, InboundHandler handler) =>
        {
            await handler.HandleAsync(await FormAsync(request), request.HttpContext.RequestAborted);
            return TypedResults.Text(EmptyTwiml, "text/xml");
        });
        return app;
    }

    private static async Task<IReadOnlyDictionary<string, string>> FormAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }
}
