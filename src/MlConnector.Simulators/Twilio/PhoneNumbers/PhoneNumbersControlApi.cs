using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlConnector.Simulators.Twilio.PhoneNumbers;

/// <summary>
/// Inspection of the account's senders: GET numbers (each with its SmsUrl and VoiceUrl, and where an inbound text to
/// it would go now) and GET messaging-services.
/// </summary>
internal static class PhoneNumbersControlApi
{
    public static void MapPhoneNumbersControlApi(this IEndpointRouteBuilder routes)
    {
        var sim = routes.MapGroup(TwilioControlApi.Prefix);
        sim.MapGet("/numbers", (PhoneNumberStore numbers) =>
            TypedResults.Ok(numbers.Numbers.Select(n => new NumberView(n, numbers.InboundTargetFor(n.PhoneNumber)))));
        sim.MapGet("/messaging-services", (PhoneNumberStore numbers) => TypedResults.Ok(numbers.Services));
    }
}

/// <summary>A number and where an inbound text to it would be sent now (null: nowhere configured).</summary>
internal sealed record NumberView(SimulatedPhoneNumber Number, InboundTarget? InboundTarget);
