using Microsoft.Extensions.Options;

namespace MlConnector.Sms;

/// <summary>
/// The SDK always builds https://{product}.twilio.com/... and has no base-address option, so requests are re-addressed
/// by <see cref="TwilioOptions.BaseUrl"/>:
/// <list type="bullet">
/// <item>BaseUrl is Twilio's own (the default https://api.twilio.com, or an edge such as api.dublin.ie1.twilio.com):
/// requests to api.twilio.com go to it; every other product (messaging.twilio.com, verify.twilio.com) keeps its real
/// host, so a Messaging Service update never lands on api.twilio.com.</item>
/// <item>BaseUrl is anything else (the simulator in tests and the demo): every product goes there, under its name as a
/// path prefix (https://messaging.twilio.com/v1/Services/MG.. becomes {BaseUrl}/messaging/v1/Services/MG..), the one
/// port layout of the Twilio simulator (docs/twilio.md).</item>
/// </list>
/// </summary>
internal sealed class TwilioBaseUrlHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    private const string ApiHost = "api.twilio.com";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = Readdress(uri, options.Value.BaseUrl);
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Where a request the SDK addressed to <paramref name="requestUri"/> goes under <paramref name="baseUrl"/>.</summary>
    public static Uri Readdress(Uri requestUri, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!TwilioHosts.IsTwilio(requestUri))
        {
            return requestUri;
        }

        if (TwilioHosts.IsTwilio(baseUrl))
        {
            return requestUri.Host.Equals(ApiHost, StringComparison.OrdinalIgnoreCase)
                ? new UriBuilder(requestUri) { Scheme = baseUrl.Scheme, Host = baseUrl.Host, Port = baseUrl.Port }.Uri
                : requestUri;
        }

        var product = requestUri.Host[..requestUri.Host.IndexOf('.', StringComparison.Ordinal)].ToLowerInvariant();
        return new UriBuilder(requestUri)
        {
            Scheme = baseUrl.Scheme,
            Host = baseUrl.Host,
            Port = baseUrl.Port,
            Path = $"{baseUrl.AbsolutePath.TrimEnd('/')}/{product}{requestUri.AbsolutePath}",
        }.Uri;
    }
}
