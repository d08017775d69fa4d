using System.Xml.Linq;
using MlConnector.Security;
using MlConnector.Sms;
using MlConnector.Voice;

namespace MlConnector.Webhooks;

/// <summary>POST /webhooks/twilio/status and /inbound: the only anonymous routes; the Twilio signature is the auth.</summary>
internal static class TwilioWebhooks
{
    private const string XmlDeclaration = """<?xml version="1.0" encoding="UTF-8"?>""";
    private const string EmptyTwiml = XmlDeclaration + "<Response/>";

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
        // Twilio's routes, not the operators' API: the API's OpenAPI document (whose every operation needs an API key
        // or a session) leaves them out.
        var group = app.MapGroup("/webhooks/twilio").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription()
            .AddEndpointFilter<TwilioSignatureFilter>();
        group.MapPost(PublicUrls.StatusPath["/webhooks/twilio".Length..], async (HttpRequest request, StatusCallbackHandler handler) =>
        {
            await handler.HandleAsync(await FormAsync(request), request.Query, request.HttpContext.RequestAborted);
            return TypedResults.Ok();
        });
        group.MapPost(PublicUrls.InboundPath["/webhooks/twilio".Length..], async (HttpRequest request, InboundHandler handler) =>
        {
            var reply = await handler.HandleAsync(await FormAsync(request), request.HttpContext.RequestAborted);
            return TypedResults.Text(reply is null ? EmptyTwiml : Twiml(reply), "text/xml");
        });
        group.MapPost(PublicUrls.VoiceStatusPath["/webhooks/twilio".Length..], async (HttpRequest request, VoiceWebhookHandler handler) =>
        {
            await handler.StatusAsync(await FormAsync(request), VoiceWebhookHandler.CallId(request.Query[PublicUrls.CallParameter]),
                request.HttpContext.RequestAborted);
            return TypedResults.Ok();
        });
        group.MapPost(PublicUrls.VoiceGatherPath["/webhooks/twilio".Length..], async (HttpRequest request, VoiceWebhookHandler handler) =>
        {
            var twiml = await handler.GatherAsync(await FormAsync(request), VoiceWebhookHandler.CallId(request.Query[PublicUrls.CallParameter]),
                request.HttpContext.RequestAborted);
            return TypedResults.Text(twiml, "text/xml");
        });
        return app;
    }

    /// <summary>A reply as TwiML: <c>&lt;Response&gt;&lt;Message&gt;text&lt;/Message&gt;&lt;/Response&gt;</c>, the text escaped.</summary>
    private static string Twiml(string reply) =>
        XmlDeclaration + new XElement("Response", new XElement("Message", reply)).ToString(SaveOptions.DisableFormatting);

    private static async Task<IReadOnlyDictionary<string, string>> FormAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }
}
