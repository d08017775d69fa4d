using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Messaging.V1;
using Twilio.Security;
using Twilio.Types;
using TwilioHttpMethod = Twilio.Http.HttpMethod;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>
/// IncomingPhoneNumbers and Messaging Services through the official SDK 8.2.0 (what `ml-connector init` needs), and
/// where injected inbound texts go once a number's SmsUrl or its service's inbound URL is set.
/// </summary>
public sealed class TwilioSimulatorPhoneNumberTests : IDisposable
{
    private const string Number = "+15005550006";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly OpenApiSchemaChecker _api;
    private readonly OpenApiSchemaChecker _messaging;
    private readonly JsonDocument _apiSpec;
    private readonly JsonDocument _messagingSpec;

    public TwilioSimulatorPhoneNumberTests()
    {
        _api = OpenApiSchemaChecker.LoadTwilioSpec(out _apiSpec);
        _messaging = OpenApiSchemaChecker.LoadMessagingServiceSpec(out _messagingSpec);
    }

    public void Dispose()
    {
        _apiSpec.Dispose();
        _messagingSpec.Dispose();
    }

    private async Task<TwilioSimulator> StartAsync(TwilioSimulatorOptions? options = null) =>
        await TwilioSimulator.StartAsync(options ?? new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);

    private static HttpClient Raw(TwilioSimulator sim)
    {
        var http = new HttpClient { BaseAddress = sim.BaseAddress };
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{sim.Options.AccountSid}:{sim.Options.AuthToken}"));
        http.DefaultRequestHeaders.Authorization = new("Basic", basic);
        return http;
    }

    private static async Task<IncomingPhoneNumberResource> FindAsync(TwilioSimulator sim, string number = Number) =>
        Assert.Single(await IncomingPhoneNumberResource.ReadAsync(
            new ReadIncomingPhoneNumberOptions { PhoneNumber = new PhoneNumber(number) }, SdkClients.ForSimulator(sim)));

    [Fact]
    public async Task Read_ByPhoneNumber_FindsTheNumberWithASidStableAcrossRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new TwilioSimulatorOptions();
        options.PhoneNumbers.Add("+15557654321");
        await using var sim = await StartAsync(options);
        await using var other = await StartAsync();
        using var http = Raw(sim);

        var found = await FindAsync(sim);
        var again = await FindAsync(other);
        var all = await IncomingPhoneNumberResource.ReadAsync(new ReadIncomingPhoneNumberOptions(), SdkClients.ForSimulator(sim));
        var wildcard = await IncomingPhoneNumberResource.ReadAsync(
            new ReadIncomingPhoneNumberOptions { PhoneNumber = new PhoneNumber("765*3") }, SdkClients.ForSimulator(sim));
        using var json = JsonDocument.Parse(await http.GetStringAsync(
            $"2010-04-01/Accounts/{sim.Options.AccountSid}/IncomingPhoneNumbers.json?PhoneNumber=%2B15005550006", ct));

        Assert.Matches("^PN[0-9a-f]{32}$", found.Sid);
        Assert.Equal(found.Sid, again.Sid);
        Assert.Equal(("(500) 555-0006", Number), (found.FriendlyName, found.PhoneNumber.ToString()));
        Assert.Equal([Number, "+15557654321"], all.Select(n => n.PhoneNumber.ToString()));
        Assert.Equal("+15557654321", Assert.Single(wildcard).PhoneNumber.ToString());
        Assert.Empty(_api.Check(json.RootElement, _api.Response("/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json", "get")));
    }

    [Fact]
    public async Task Update_SmsUrl_InboundTextsGoThereSignedInsteadOfTheDefault()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await StartAsync(new TwilioSimulatorOptions { InboundWebhookUrl = new Uri(listener.BaseAddress, "default") });
        var number = await FindAsync(sim);
        var smsUrl = new Uri(listener.BaseAddress, "webhooks/twilio/inbound?site=1");

        var updated = await IncomingPhoneNumberResource.UpdateAsync(new UpdateIncomingPhoneNumberOptions(number.Sid)
        {
            SmsUrl = smsUrl,
            SmsMethod = TwilioHttpMethod.Post,
        }, SdkClients.ForSimulator(sim));
        var result = await sim.InjectInboundAsync("+15558675310", "ok", ct);
        using var http = Raw(sim);
        using var json = JsonDocument.Parse(await http.GetStringAsync(
            $"2010-04-01/Accounts/{sim.Options.AccountSid}/IncomingPhoneNumbers/{number.Sid}.json", ct));

        var got = Assert.Single(listener.Received);
        Assert.Equal(smsUrl, updated.SmsUrl);
        Assert.Equal(smsUrl, result.Url);
        Assert.Equal(smsUrl.OriginalString, got.Url);
        Assert.True(new RequestValidator(sim.Options.AuthToken).Validate(got.Url, got.Form, got.Signature));
        Assert.Equal(("ok", Number), (got.Form["Body"], got.Form["To"]));
        Assert.False(got.Form.ContainsKey("MessagingServiceSid"));
        Assert.Empty(_api.Check(json.RootElement, _api.Schema("api.v2010.account.incoming_phone_number")));
        Assert.Equal(smsUrl.OriginalString, json.RootElement.GetProperty("sms_url").GetString());
    }

    [Fact]
    public async Task Update_SmsMethodGet_InboundTextsComeAsSignedGet()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await StartAsync();
        var number = await FindAsync(sim);
        await IncomingPhoneNumberResource.UpdateAsync(new UpdateIncomingPhoneNumberOptions(number.Sid)
        {
            SmsUrl = new Uri(listener.BaseAddress, "in"),
            SmsMethod = TwilioHttpMethod.Get,
        }, SdkClients.ForSimulator(sim));

        await sim.InjectInboundAsync("+15558675310", "STOP", TestContext.Current.CancellationToken);

        var got = Assert.Single(listener.Received);
        Assert.Equal(("GET", "STOP"), (got.Method, got.Form["Body"]));
        Assert.True(new RequestValidator(sim.Options.AuthToken).Validate(got.Url, new Dictionary<string, string>(), got.Signature));
    }

    [Fact]
    public async Task Update_BadUrlUnknownNumberOrTestCredentials_RefusedLikeTwilio()
    {
        await using var sim = await StartAsync();
        await using var test = await StartAsync(new TwilioSimulatorOptions { TestCredentials = true });
        var number = await FindAsync(sim);
        var client = SdkClients.ForSimulator(sim);

        var badUrl = await Assert.ThrowsAsync<ApiException>(() => IncomingPhoneNumberResource.UpdateAsync(
            new UpdateIncomingPhoneNumberOptions(number.Sid) { SmsUrl = new Uri("ftp://example.com/in") }, client));
        var unknown = await Assert.ThrowsAsync<ApiException>(() => IncomingPhoneNumberResource.UpdateAsync(
            new UpdateIncomingPhoneNumberOptions("PN" + new string('0', 32)) { SmsUrl = new Uri("https://example.com/in") }, client));
        var testCredentials = await Assert.ThrowsAsync<ApiException>(() => IncomingPhoneNumberResource.ReadAsync(
            new ReadIncomingPhoneNumberOptions(), SdkClients.ForSimulator(test)));

        Assert.Equal((21402, 400), (badUrl.Code, badUrl.Status));
        Assert.Equal((20404, 404), (unknown.Code, unknown.Status));
        Assert.Equal((20008, 403), (testCredentials.Code, testCredentials.Status));
        Assert.Null(sim.PhoneNumbers[0].SmsUrl);
    }

    [Fact]
    public async Task MessagingService_InboundRequestUrl_WinsUntilTheServiceDefersToTheNumber()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await StartAsync(new TwilioSimulatorOptions { InboundWebhookUrl = new Uri(listener.BaseAddress, "default") });
        var client = SdkClients.ForSimulator(sim);
        var serviceSid = sim.Options.MessagingServiceSid;
        var serviceUrl = new Uri(listener.BaseAddress, "service/inbound");

        var fetched = await ServiceResource.FetchAsync(serviceSid, client);
        var updated = await ServiceResource.UpdateAsync(new UpdateServiceOptions(serviceSid)
        {
            InboundRequestUrl = serviceUrl,
            UseInboundWebhookOnNumber = false,
        }, client);
        await sim.InjectInboundAsync("+15558675310", "ok ABCD", ct);
        await ServiceResource.UpdateAsync(new UpdateServiceOptions(serviceSid) { UseInboundWebhookOnNumber = true }, client);
        await sim.InjectInboundAsync("+15558675310", "ok EFGH", ct);
        using var http = Raw(sim);
        using var json = JsonDocument.Parse(await http.GetStringAsync($"messaging/v1/Services/{serviceSid}", ct));

        var (viaService, viaNumber) = (listener.Received.First(), listener.Received.Last());
        Assert.Null(fetched.InboundRequestUrl);
        Assert.Equal(serviceUrl, updated.InboundRequestUrl);
        Assert.Equal((serviceUrl.OriginalString, serviceSid), (viaService.Url, viaService.Form["MessagingServiceSid"]));
        Assert.True(new RequestValidator(sim.Options.AuthToken).Validate(viaService.Url, viaService.Form, viaService.Signature));
        Assert.Equal("/default", new Uri(viaNumber.Url).AbsolutePath);
        Assert.Empty(_messaging.Check(json.RootElement, _messaging.Schema("messaging.v1.service")));
        Assert.True(json.RootElement.GetProperty("use_inbound_webhook_on_number").GetBoolean());
    }

    [Fact]
    public async Task MessagingService_UnknownSid_Throws20404()
    {
        await using var sim = await StartAsync();

        var e = await Assert.ThrowsAsync<ApiException>(() =>
            ServiceResource.FetchAsync("MG" + new string('0', 32), SdkClients.ForSimulator(sim)));

        Assert.Equal((20404, 404), (e.Code, e.Status));
    }

    [Fact]
    public async Task ControlApi_InboundToAnotherNumber_UsesThatNumbersUrlAndNumbersShowTheirTargets()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var listener = await CallbackListener.StartAsync();
        var options = new TwilioSimulatorOptions();
        options.PhoneNumbers.Add("+15557654321");
        await using var sim = await StartAsync(options);
        var second = await FindAsync(sim, "+15557654321");
        await IncomingPhoneNumberResource.UpdateAsync(new UpdateIncomingPhoneNumberOptions(second.Sid)
        {
            SmsUrl = new Uri(listener.BaseAddress, "second"),
        }, SdkClients.ForSimulator(sim));
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };

        using var sent = await http.PostAsJsonAsync("_sim/twilio/inbound", new { from = "+15558675310", body = "hi", to = "+15557654321" }, ct);
        using var nowhere = await http.PostAsJsonAsync("_sim/twilio/inbound", new { from = "+15558675310", body = "hi" }, ct);
        using var notOurs = await http.PostAsJsonAsync("_sim/twilio/inbound", new { from = "+15558675310", body = "hi", to = "+15550000000" }, ct);
        var numbers = await http.GetFromJsonAsync<JsonElement>("_sim/twilio/numbers", ct);

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("/second", new Uri(Assert.Single(listener.Received).Url).AbsolutePath);
        Assert.Equal(HttpStatusCode.Conflict, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notOurs.StatusCode);
        var targets = numbers.EnumerateArray().ToDictionary(n => n.GetProperty("number").GetProperty("phoneNumber").GetString()!,
            n => n.GetProperty("inboundTarget"));
        Assert.Equal(JsonValueKind.Null, targets[Number].ValueKind);
        Assert.Equal("number", targets["+15557654321"].GetProperty("source").GetString());
    }
}
