using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlConnector.Simulators.Twilio.Verify;

/// <summary>
/// Inspection of Verify: GET verifications (every verification with its code, status, sends and checks; the texts
/// Verify "delivered" are its send attempts).
/// </summary>
internal static class VerifyControlApi
{
    public static void MapVerifyControlApi(this IEndpointRouteBuilder routes) =>
        routes.MapGroup(TwilioControlApi.Prefix).MapGet("/verifications", (VerifyStore store) => TypedResults.Ok(store.Verifications));
}
