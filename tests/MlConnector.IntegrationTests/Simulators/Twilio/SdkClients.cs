using MlConnector.Simulators.Twilio;
using Twilio.Clients;
using Twilio.Http;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>The official Twilio SDK pointed at a simulator.</summary>
internal static class SdkClients
{
    /// <summary>
    /// The SDK over a handler that sends https://{product}.twilio.com/... to {simulator}/{product}/... (the general
    /// rule, <see cref="TwilioSimulatorHandler"/>); with <paramref name="hostOnly"/>, over one that only swaps scheme,
    /// host and port (as the connector's TwilioBaseUrlHandler does), which reaches the simulator's bare paths.
    /// </summary>
    public static TwilioRestClient ForSimulator(TwilioSimulator simulator, string? username = null, string? password = null,
        string? accountSid = null, TimeSpan? timeout = null, bool hostOnly = false)
    {
#pragma warning disable CA2000 // the HttpClient owns the handlers; the test process owns the HttpClient
        DelegatingHandler rewrite = hostOnly
            ? new RewriteToSimulatorHandler(simulator.BaseAddress)
            : new TwilioSimulatorHandler(simulator.BaseAddress);
        rewrite.InnerHandler = new HttpClientHandler();
        var http = new System.Net.Http.HttpClient(rewrite) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
#pragma warning restore CA2000
        return new TwilioRestClient(username ?? simulator.Options.AccountSid, password ?? simulator.Options.AuthToken,
            accountSid: accountSid, httpClient: new SystemNetHttpClient(http));
    }
}
