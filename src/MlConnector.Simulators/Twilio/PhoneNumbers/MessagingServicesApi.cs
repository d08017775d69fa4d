using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Twilio.PhoneNumbers;

/// <summary>
/// Messaging Services (https://messaging.twilio.com/v1/Services/{MG}, served under /messaging/v1 and /v1): fetch, and
/// update of FriendlyName, InboundRequestUrl, InboundMethod, UseInboundWebhookOnNumber and StatusCallback. A service's
/// inbound URL wins over its numbers' SmsUrl unless UseInboundWebhookOnNumber is true.
/// </summary>
internal static class MessagingServicesApi
{
    public static void MapMessagingServicesApi(this IEndpointRouteBuilder routes)
    {
        foreach (var messaging in TwilioProducts.Groups(routes, TwilioProducts.Messaging, "/v1/Services"))
        {
            messaging.AddEndpointFilter<TwilioAuthFilter>().AddEndpointFilter(new FaultFilter(TwilioFaultTarget.MessagingServices));
            messaging.MapGet("/{sid}", (HttpRequest request, string sid, PhoneNumberStore numbers, TwilioSimulatorState state) =>
                numbers.FindService(sid) is { } service
                    ? Results.Json(MessagingServiceJson.Service(state.Options.AccountSid, service), TwilioJson.Options)
                    : TwilioJson.NotFound($"/Services/{sid}"));
            messaging.MapPost("/{sid}", UpdateAsync);
        }
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string sid, PhoneNumberStore numbers,
        TwilioSimulatorState state, ILogger<PhoneNumberStore> logger)
    {
        if (numbers.FindService(sid) is null)
        {
            return TwilioJson.NotFound($"/Services/{sid}");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var inbound = WebhookSetting.Url(form, "InboundRequestUrl");
        var callback = WebhookSetting.Url(form, "StatusCallback");
        var method = WebhookSetting.Method(form, "InboundMethod");
        if ((inbound.Error ?? callback.Error ?? method.Error) is { } error)
        {
            return TwilioJson.Error(error.HttpStatus, error.Code, error.Message);
        }

        var friendlyName = form["FriendlyName"].ToString();
        var deferToNumber = WebhookSetting.Flag(form, "UseInboundWebhookOnNumber");
        var updated = numbers.UpdateService(sid, s => s with
        {
            FriendlyName = friendlyName.Length > 0 ? friendlyName : s.FriendlyName,
            InboundRequestUrl = inbound.Given ? inbound.Url : s.InboundRequestUrl,
            InboundMethod = method.Method ?? s.InboundMethod,
            UseInboundWebhookOnNumber = deferToNumber ?? s.UseInboundWebhookOnNumber,
            StatusCallback = callback.Given ? callback.Url : s.StatusCallback,
            DateUpdated = state.Time.GetUtcNow(),
        });
        logger.MessagingServiceUpdated(sid);
        return Results.Json(MessagingServiceJson.Service(state.Options.AccountSid, updated!), TwilioJson.Options);
    }
}
