using MlConnector.Simulators.Twilio;
using Twilio.Clients;
using Twilio.Http;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>The official Twilio SDK pointed at a simulator.</summary>
internal static class SdkClients
{
    public static TwilioRestClient ForSimulator(TwilioSimulator simulator, string? username = null, string? password = null,
        string? accountSid = null, TimeSpan? timeout = null)
    {
#pragma warning disable CA2000 // the HttpClient owns the handlers; the test process owns the HttpClient
        var http = new System.Net.Http.HttpClient(new RewriteToSimulatorHandler(simulator.BaseAddress) { InnerHandler = new HttpClientHandler() })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
#pragma warning restore CA2000
        return new TwilioRestClient(username ?? simulator.Options.AccountSid, password ?? simulator.Options.AuthToken,
            accountSid: accountSid, httpClient: new SystemNetHttpClient(http));
    }
}
