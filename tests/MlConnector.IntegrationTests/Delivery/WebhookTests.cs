using System.Net;
using MlConnector.Alerts;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Delivery;

public sealed class WebhookTests
{
    private const string Phone = "+15557010501";

    [Fact]
    public async Task StatusWebhook_Forged_RefusedAndAudited()
    {
        await using var h = await DeliveryHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = h.ConnectorAddress };
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM00000000000000000000000000000001", ["MessageStatus"] = "delivered" };

        using var unsigned = await http.PostAsync(new Uri("/webhooks/twilio/status", UriKind.Relative),
            new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
        // Refusals from one address are summed into one audit line a minute: the second comes a minute later.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/status") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute("not-the-token", new Uri(h.ConnectorAddress, "/webhooks/twilio/status").ToString(), form));
        using var forged = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (unsigned.StatusCode, forged.StatusCode));
        var audit = await h.AuditAsync();
        Assert.Equal(2, audit.Count(a => a.Kind == "forged-webhook"));
        Assert.DoesNotContain(audit, a => a.Detail!.Contains("SM0000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusWebhook_DuplicatedAndOutOfOrder_FinalStateNeverMovesBack()
    {
        var options = new TwilioSimulatorOptions { ReorderCallbacks = true, DuplicateCallbacks = true };
        await using var h = await DeliveryHarness.StartAsync(options);
        var id = await h.EnqueueAsync(Phone, "PO 6000 approved", "po-6000");

        await h.DriveUntilAsync(async () => h.Simulator.Callbacks.Count >= 4, TimeSpan.FromMilliseconds(500));
        var sid = (await h.AlertAsync(id)).MessageSid!;
        var late = new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = "queued", ["AccountSid"] = options.AccountSid };
        var url = new Uri(h.ConnectorAddress, "/webhooks/twilio/status");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(late) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(options.AuthToken, url.ToString(), late));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = await h.AlertAsync(id);
        Assert.Equal((AlertStates.Delivered, "delivered"), (alert.State, alert.DeliveryStatus));
        Assert.All(h.Simulator.Callbacks, c => Assert.Equal(200, c.HttpStatus));
        var callbacks = (await h.AuditAsync(id)).Where(a => a.Kind == "status-callback").ToList();
        Assert.Equal(3, callbacks.Count); // delivered, sent (late, not applied), queued (late, not applied); duplicates ignored
        Assert.Equal(2, callbacks.Count(a => a.Detail!.Contains("\"applied\":false", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Inbound_StopThenStart_SuppressesThenReenables(DeliveryStore store)
    {
        await using var h = await DeliveryHarness.StartAsync(store);

        var stop = await h.Simulator.InjectInboundAsync(Phone, " stop ", TestContext.Current.CancellationToken);
        var suppressed = await h.EnqueueAsync(Phone, "PO 7000 approved", "po-7000");
        await h.DriveUntilStateAsync(suppressed, AlertStates.Suppressed);
        var start = await h.Simulator.InjectInboundAsync(Phone, "START", TestContext.Current.CancellationToken);
        var sent = await h.EnqueueAsync(Phone, "PO 7001 approved", "po-7001");
        await h.DriveUntilStateAsync(sent, AlertStates.Delivered);

        Assert.Equal((200, "text/xml"), (stop.HttpStatus, stop.ContentType));
        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response/>""", stop.Body);
        Assert.Equal(200, start.HttpStatus);
        Assert.Contains(await h.AuditAsync(suppressed), a => a.Kind == "suppressed");
        Assert.Equal(2, (await h.AuditAsync()).Count(a => a.Kind == "inbound"));
        Assert.Single(h.Simulator.CreateRequests); // nothing was posted for the suppressed alert
    }
}
