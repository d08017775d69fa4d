namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>Sends what the Twilio SDK addresses to https://api.twilio.com to the simulator instead.</summary>
internal sealed class RewriteToSimulatorHandler(Uri simulator) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = simulator.Scheme, Host = simulator.Host, Port = simulator.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
