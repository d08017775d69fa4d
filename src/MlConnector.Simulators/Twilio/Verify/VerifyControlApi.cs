using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlConnector.Simulators.Twilio.Verify;

/// <summary>
/// Inspection of Verify: GET verifications (every verification with its code, status, sends and checks; the texts
/// Verify "delivered" are its send attempts), and GET verifications/latest?to= (the code a phone last received, for a
/// test or a person signing in to a connector that texts its codes through the simulator).
/// </summary>
internal static class VerifyControlApi
{
    public static void MapVerifyControlApi(this IEndpointRouteBuilder routes)
    {
        var sim = routes.MapGroup(TwilioControlApi.Prefix);
        sim.MapGet("/verifications", (VerifyStore store) => TypedResults.Ok(store.Verifications));
        sim.MapGet("/verifications/latest", (string? to, VerifyStore store) =>
            store.Latest(to ?? "") is { } v
                ? Results.Ok(new LatestCode(v.To, v.Code, v.Sid, v.Status, v.SendAttempts[^1].At, v.ExpiresAt))
                : Results.Problem($"No verification was sent to {to}.", statusCode: StatusCodes.Status404NotFound));
    }

    /// <summary>The code a phone last received, with its verification's status and when it stops working.</summary>
    internal sealed record LatestCode(string To, string Code, string Sid, string Status, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);
}
