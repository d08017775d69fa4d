using Microsoft.Extensions.Options;

namespace MlConnector.Sms;

/// <summary>
/// The SDK always builds https://api.twilio.com/... and has no base-address option, so requests are re-addressed to
/// <see cref="TwilioOptions.BaseUrl"/> (the simulator in tests and the demo) by rewriting scheme, host and port.
/// </summary>
internal sealed class TwilioBaseUrlHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = options.Value.BaseUrl;
        if (request.RequestUri is { } uri && (uri.Scheme != target.Scheme || uri.Host != target.Host || uri.Port != target.Port))
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
