using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// One port serves every Twilio product. Twilio puts each product on its own host (api.twilio.com,
/// verify.twilio.com, messaging.twilio.com); the simulator serves each under a path prefix named after the host's
/// first label (<c>/verify/v2/...</c>, <c>/messaging/v1/...</c>, <c>/api/2010-04-01/...</c>), which is what
/// <see cref="TwilioSimulatorAddress.Rewrite"/> produces. The bare paths (<c>/v2/...</c>, <c>/v1/...</c>,
/// <c>/2010-04-01/...</c>) are served too, because they do not collide today, so a client that only swaps scheme, host
/// and port also works.
/// </summary>
internal static class TwilioProducts
{
    public const string Api = "api";
    public const string Verify = "verify";
    public const string Messaging = "messaging";

    /// <summary>Route groups for <paramref name="path"/> of <paramref name="product"/>: prefixed, then bare.</summary>
    public static RouteGroupBuilder[] Groups(IEndpointRouteBuilder routes, string product, string path) =>
        [routes.MapGroup("/" + product + path), routes.MapGroup(path)];
}
