using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using MlConnector.Probes;

namespace MlConnector.Sms;

/// <summary>
/// A production check of <c>ping</c>: with the real Twilio API, the host of <see cref="TwilioOptions.PublicBaseUrl"/>
/// must resolve to a public address, or Twilio cannot deliver status callbacks and replies (STOP) to the webhooks.
/// A warning, not a failure: split-horizon DNS may answer differently outside, and only the outside view counts.
/// </summary>
internal sealed class WebhookReachabilityProbe(IOptions<TwilioOptions> options, IHostAddressResolver resolver)
{
    public const string Target = "Webhooks";

    public async Task<ProbeResult?> CheckAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled || !TwilioHosts.IsTwilio(o.BaseUrl))
        {
            return null;
        }

        if (o.PublicBaseUrl is not { IsAbsoluteUri: true } url)
        {
            return Warn("Twilio:PublicBaseUrl is not set, so Twilio has no address to call back: delivery statuses and " +
                "replies (STOP) would never reach the connector. Set it to the https address that reaches this service.");
        }

        var host = url.IdnHost;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, ct);
        }
        catch (SocketException e)
        {
            return Warn($"{host} (Twilio:PublicBaseUrl) does not resolve from this machine ({e.SocketErrorCode}): Twilio " +
                $"could not reach the webhooks unless the name resolves on the internet. Check from outside: curl {Ready(url)}");
        }

        var shown = string.Join(", ", addresses.Select(a => a.ToString()));
        if (addresses.Any(PublicAddresses.IsPublic))
        {
            return new ProbeResult(Target, true, $"{host} (Twilio:PublicBaseUrl) resolves to a public address ({shown}).");
        }

        return Warn($"{host} (Twilio:PublicBaseUrl) resolves to {(addresses.Length == 0 ? "no address" : shown)}, which is " +
            "not a public address: Twilio could not reach the webhooks (status callbacks, replies and STOP). Publish them " +
            "through a reverse proxy or a tunnel and set Twilio:PublicBaseUrl to its https address. If your DNS answers " +
            $"differently outside, check from outside: curl {Ready(url)}");
    }

    private static ProbeResult Warn(string message) => new(Target, true, message, Warning: true);

    private static Uri Ready(Uri publicBase) => PublicUrls.Under(publicBase, "/health/live");
}
