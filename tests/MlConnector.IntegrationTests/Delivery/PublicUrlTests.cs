using System.Net;
using MlConnector.Alerts;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>The URLs the connector gives Twilio, and the signatures it accepts on them, behind a proxy.</summary>
public sealed class PublicUrlTests
{
    [Fact]
    public async Task StatusCallback_PublicBaseUrlWithASubPath_KeepsThePathAndAcceptsCallbacksSignedOverIt()
    {
        // A proxy publishes the connector under /mlc/ and strips that prefix on the way in. (Port 9 refuses at once, so the
        // simulator's own callbacks fail fast, as if the proxy were down; the test posts the callback itself.)
        await using var h = await DeliveryHarness.StartAsync(null, ("Twilio:PublicBaseUrl", "http://127.0.0.1:9/mlc/"));
        var id = await h.EnqueueAsync("+15557010601", "PO 6100 approved", "po-6100");
        await h.DriveUntilStateAsync(id, AlertStates.Sent);

        var given = Assert.Single(h.Simulator.Messages).StatusCallback!;
        Assert.StartsWith("http://127.0.0.1:9/mlc/webhooks/twilio/status", given.AbsoluteUri, StringComparison.Ordinal);

        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = (await h.AlertAsync(id)).MessageSid!, ["MessageStatus"] = "delivered",
            ["AccountSid"] = h.Simulator.Options.AccountSid,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(h.ConnectorAddress, "/webhooks/twilio/status" + given.Query))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(h.Simulator.Options.AuthToken, given.AbsoluteUri, form));
        using var http = new HttpClient();
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AlertStates.Delivered, (await h.AlertAsync(id)).State);
    }
}
