using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>The /_sim/twilio control and inspection routes used by the standalone simulator.</summary>
public sealed class TwilioSimulatorControlApiTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ControlApi_OptOutFaultAndInspect_DriveTheSimulator()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: ct);
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        var client = SdkClients.ForSimulator(sim);
        var sms = new CreateMessageOptions(new PhoneNumber("+15558675310")) { From = new PhoneNumber("+15557654321"), Body = "hi" };

        (await http.PostAsJsonAsync("_sim/twilio/opt-out", new { phone = "+15558675310" }, ct)).EnsureSuccessStatusCode();
        var optedOut = await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(sms, client));
        (await http.PostAsJsonAsync("_sim/twilio/opt-in", new { phone = "+15558675310" }, ct)).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("_sim/twilio/faults", new { kind = "serviceUnavailableHtml", count = 1 }, ct)).EnsureSuccessStatusCode();
        var faulted = await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(sms, client));
        var created = await MessageResource.CreateAsync(sms, client);
        var messages = await http.GetFromJsonAsync<JsonElement>("_sim/twilio/messages", ct);
        var requests = await http.GetFromJsonAsync<JsonElement>("_sim/twilio/requests", ct);
        using var badFault = await http.PostAsJsonAsync("_sim/twilio/faults", new { kind = "nope" }, ct);

        Assert.Equal(21610, optedOut.Code);
        Assert.Contains("503", faulted.Message, StringComparison.Ordinal);
        Assert.Equal(created.Sid, Assert.Single(messages.EnumerateArray()).GetProperty("sid").GetString());
        Assert.Equal([400, 503, 201], requests.EnumerateArray().Select(r => r.GetProperty("httpStatus").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, badFault.StatusCode);
    }

    [Fact]
    public async Task ControlApi_InjectInbound_PostsToWebhookAndReturnsItsAnswer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var listener = await CallbackListener.StartAsync();
        var options = new TwilioSimulatorOptions { InboundWebhookUrl = new Uri(listener.BaseAddress, "in") };
        await using var sim = await TwilioSimulator.StartAsync(options, _time, cancellationToken: ct);
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };

        var answer = await (await http.PostAsJsonAsync("_sim/twilio/inbound", new { from = "+15558675310", body = "STOP" }, ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(200, answer.GetProperty("httpStatus").GetInt32());
        Assert.Equal("STOP", Assert.Single(listener.Received).Form["OptOutType"]);
        Assert.True(sim.State.IsOptedOut("+15558675310"));
    }
}
