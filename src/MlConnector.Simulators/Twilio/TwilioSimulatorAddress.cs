namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Where a request the Twilio SDK addresses to https://{product}.twilio.com/... goes on a simulator: the product
/// becomes the first path segment (<c>https://verify.twilio.com/v2/Services/VA../Verifications</c> becomes
/// <c>{simulator}/verify/v2/Services/VA../Verifications</c>). Region and edge labels
/// (<c>api.dublin.ie1.twilio.com</c>) are dropped. Any other host is left alone.
/// </summary>
public static class TwilioSimulatorAddress
{
    private const string TwilioDomain = ".twilio.com";

    public static Uri Rewrite(Uri requestUri, Uri simulator)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(simulator);
        var host = requestUri.Host;
        if (!host.EndsWith(TwilioDomain, StringComparison.OrdinalIgnoreCase))
        {
            return requestUri;
        }

        var product = host[..host.IndexOf('.', StringComparison.Ordinal)].ToLowerInvariant();
        var basePath = simulator.AbsolutePath.TrimEnd('/');
        return new UriBuilder(simulator)
        {
            Path = $"{basePath}/{product}{requestUri.AbsolutePath}",
            Query = requestUri.Query.TrimStart('?'),
        }.Uri;
    }
}

/// <summary>
/// A handler for the HttpClient under the Twilio SDK that sends every product's requests to one simulator
/// (see <see cref="TwilioSimulatorAddress"/>).
/// </summary>
public sealed class TwilioSimulatorHandler(Uri simulator) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = TwilioSimulatorAddress.Rewrite(uri, simulator);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
