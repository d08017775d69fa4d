using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MlConnector.Sms;

/// <summary>
/// The URLs Twilio calls: Twilio:PublicBaseUrl when set (behind a proxy, path included: <c>https://host/mlc/</c> gives
/// <c>https://host/mlc/webhooks/twilio/status</c>), else the address the service is bound to (enough for the simulator
/// and the demo). The signature of a webhook is checked over the same public URL, so what the connector gives Twilio
/// is what it accepts.
/// </summary>
public sealed class PublicUrls(IOptions<TwilioOptions> options, IServer server)
{
    public const string StatusPath = "/webhooks/twilio/status";
    public const string InboundPath = "/webhooks/twilio/inbound";
    public const string VoiceStatusPath = "/webhooks/twilio/voice/status";
    public const string VoiceGatherPath = "/webhooks/twilio/voice/gather";

    /// <summary>The voice webhooks' query parameter naming the call (a row of voice_calls).</summary>
    public const string CallParameter = "call";

    /// <summary>The status callback's query parameter naming the alert.</summary>
    public const string AlertParameter = "alert";

    /// <summary>The status callback's query parameter naming the send (the fencing token of the claim that POSTed).</summary>
    public const string SendParameter = "send";

    /// <summary>The status callback URL; under a base with a path (a proxy at /alerts) the path is kept, as the
    /// signature check (<see cref="SignedUrl"/>) expects.</summary>
    public Uri? StatusCallback => Base() is { } b ? Under(b, StatusPath) : null;

    /// <summary>
    /// The status callback URL for one send of one alert: <see cref="StatusCallback"/><c>?alert=ID&amp;send=TOKEN</c>,
    /// so any callback for the message that create made names its alert, even when the create's answer was lost.
    /// </summary>
    public Uri? StatusCallbackFor(long alertId, long sendToken) => StatusCallback is { } url
        ? new Uri(string.Create(CultureInfo.InvariantCulture, $"{url}?{AlertParameter}={alertId}&{SendParameter}={sendToken}"))
        : null;

    /// <summary>A voice webhook (<see cref="VoiceStatusPath"/> or <see cref="VoiceGatherPath"/>) for one call:
    /// <c>?call=ID</c>, covered by the signature.</summary>
    public Uri? VoiceUrl(string path, long callId) => Base() is { } b
        ? new Uri(string.Create(CultureInfo.InvariantCulture, $"{Under(b, path)}?{CallParameter}={callId}"))
        : null;

    /// <summary>A path of the connector under a public base address, keeping the base's own path (a proxy that serves
    /// the connector under <c>/alerts</c>): <c>https://example.com/alerts</c> + <c>/webhooks/twilio/inbound</c>.</summary>
    public static Uri Under(Uri publicBase, string path)
    {
        ArgumentNullException.ThrowIfNull(publicBase);
        return new Uri(Prefix(publicBase) + path);
    }

    /// <summary>
    /// The URL Twilio signed for a request with this path and query. With a public base URL, the request's path is
    /// taken as what the proxy forwarded below that base (a proxy publishing <c>/mlc/</c> strips it on the way in).
    /// </summary>
    public string SignedUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.Value.PublicBaseUrl is { } configured)
        {
            return Prefix(configured) + request.Path + request.QueryString;
        }

        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
    }

    private static string Prefix(Uri baseUrl) => baseUrl.GetLeftPart(UriPartial.Authority) + baseUrl.AbsolutePath.TrimEnd('/');

    private Uri? Base()
    {
        if (options.Value.PublicBaseUrl is { } configured)
        {
            return configured;
        }

        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return bound is null || bound.Contains(":0", StringComparison.Ordinal) && bound.EndsWith(":0", StringComparison.Ordinal)
            ? null
            : new Uri(bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
