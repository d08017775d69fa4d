using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Runs before every REST endpoint of every product: stamps Twilio-Request-Id, checks HTTP Basic (Account SID + Auth
/// Token, or API key SID + secret) and, where the path names an account, that it is ours (401 / 20003 otherwise). With
/// test credentials every route not marked <see cref="TestCredentialsAllowed"/> answers 403 / 20008.
/// </summary>
internal sealed class TwilioAuthFilter(TwilioSimulatorState state) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers["Twilio-Request-Id"] = TwilioSimulatorState.NewSid("RQ");
        var options = state.Options;
        var pathAccount = http.GetRouteValue("accountSid") as string;
        if (!Authenticated(http.Request, options) || (pathAccount is not null && pathAccount != options.AccountSid))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            return TwilioJson.Unauthenticated();
        }

        if (options.TestCredentials && http.GetEndpoint()?.Metadata.GetMetadata<TestCredentialsAllowed>() is null)
        {
            return TwilioJson.TestCredentialsForbidden();
        }

        return await next(context);
    }

    private static bool Authenticated(HttpRequest request, TwilioSimulatorOptions options)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
        return (Same(user, options.AccountSid) && Same(password, options.AuthToken))
            | (Same(user, options.ApiKeySid) && Same(password, options.ApiKeySecret));
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
