using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;
using MlConnector.Simulators.Twilio.Calls;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>The Calls API through the official SDK 8.2.0 and raw HTTP, against specs/twilio_api_v2010.json.</summary>
public sealed class TwilioSimulatorCallTests : IDisposable
{
    private const string Prompt = "<Response><Say>PO 1042 awaits approval</Say></Response>";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly OpenApiSchemaChecker _checker;
    private readonly JsonDocument _spec;

    public TwilioSimulatorCallTests() => _checker = OpenApiSchemaChecker.LoadTwilioSpec(out _spec);

    public void Dispose() => _spec.Dispose();

    private static CreateCallOptions Call(string to, string from = "+15005550006") =>
        new(new PhoneNumber(to), new PhoneNumber(from)) { Twiml = new Twiml(Prompt) };

    private async Task<TwilioSimulator> StartAsync(TwilioSimulatorOptions? options = null) =>
        await TwilioSimulator.StartAsync(options ?? new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);

    private static HttpClient Raw(TwilioSimulator sim)
    {
        var http = new HttpClient { BaseAddress = sim.BaseAddress };
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{sim.Options.AccountSid}:{sim.Options.AuthToken}"));
        http.DefaultRequestHeaders.Authorization = new("Basic", basic);
        return http;
    }

    [Fact]
    public async Task CreateResponse_InlineTwiml_QueuedCallValidAgainstCallSchema()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await StartAsync();
        using var http = Raw(sim);

        using var response = await http.PostAsync($"2010-04-01/Accounts/{sim.Options.AccountSid}/Calls.json",
            new FormUrlEncodedContent([new("To", "+15558675310"), new("From", "+15005550006"), new("Twiml", Prompt)]), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^RQ[0-9a-f]{32}$", response.Headers.GetValues("Twilio-Request-Id").Single());
        Assert.Empty(_checker.Check(json.RootElement, _checker.Schema("api.v2010.account.call")));
        Assert.Equal("queued", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("(555) 867-5310", json.RootElement.GetProperty("to_formatted").GetString());
        Assert.Equal(sim.PhoneNumbers[0].Sid, json.RootElement.GetProperty("phone_number_sid").GetString());
        Assert.Empty(Assert.Single(sim.Calls).Documents); // the TwiML is taken when the call is answered
    }

    [Fact]
    public async Task Create_Sdk_CallRingsIsAnsweredSaysItsTextAndCompletes()
    {
        await using var sim = await StartAsync();
        var client = SdkClients.ForSimulator(sim);

        var created = await CallResource.CreateAsync(Call("+15558675310"), client);
        var queued = created.Status;
        _time.Advance(TimeSpan.FromSeconds(1));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);
        var ringing = (await CallResource.FetchAsync(created.Sid, client: client)).Status;
        _time.Advance(TimeSpan.FromSeconds(3));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);
        var answered = (await CallResource.FetchAsync(created.Sid, client: client)).Status;
        _time.Advance(TimeSpan.FromSeconds(2));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);
        var done = await CallResource.FetchAsync(created.Sid, client: client);

        Assert.StartsWith("CA", created.Sid, StringComparison.Ordinal);
        Assert.Equal(CallResource.StatusEnum.Queued, queued);
        Assert.Equal(CallResource.StatusEnum.Ringing, ringing);
        Assert.Equal(CallResource.StatusEnum.InProgress, answered);
        Assert.Equal(CallResource.StatusEnum.Completed, done.Status);
        Assert.Equal("2", done.Duration); // four words at 0.4 s, answered at 09:00:04
        Assert.Equal(Start.AddSeconds(1).UtcDateTime, done.StartTime);
        Assert.Equal(Start.AddSeconds(5).UtcDateTime, done.EndTime);
        var call = Assert.Single(sim.Calls);
        Assert.Equal(Prompt, Assert.Single(call.Documents).Xml);
        Assert.Equal(["say", "hangup"], call.Transcript.Select(s => s.Verb));
        Assert.Equal("PO 1042 awaits approval", call.Transcript[0].Text);
    }

    [Theory]
    [InlineData("5558675310", "+15005550006", 21211)]
    [InlineData("+15005550001", "+15005550006", 21217)]
    [InlineData("+15005550002", "+15005550006", 21214)]
    [InlineData("+15558675310", "+15005550001", 21212)]
    [InlineData("+15558675310", "+15557654321", 21210)]
    public async Task Create_BadNumber_ThrowsTwilioCode(string to, string from, int code)
    {
        await using var sim = await StartAsync();

        var e = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(Call(to, from), SdkClients.ForSimulator(sim)));

        Assert.Equal((code, 400), (e.Code, e.Status));
        Assert.Empty(sim.Calls);
    }

    [Fact]
    public async Task Create_WithoutTwimlOrUrl_Throws21205UrlRequired()
    {
        await using var sim = await StartAsync();
        var options = new CreateCallOptions(new PhoneNumber("+15558675310"), new PhoneNumber("+15005550006"));

        var e = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(options, SdkClients.ForSimulator(sim)));

        Assert.Equal((21205, 400), (e.Code, e.Status));
        Assert.StartsWith("Url parameter is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SenderIsOneOfTheAccountsNumbers_IsAccepted()
    {
        var options = new TwilioSimulatorOptions();
        options.PhoneNumbers.Add("+15557654321");
        await using var sim = await StartAsync(options);

        var call = await CallResource.CreateAsync(Call("+15558675310", "+15557654321"), SdkClients.ForSimulator(sim));

        Assert.Equal(sim.PhoneNumbers.Single(n => n.PhoneNumber == "+15557654321").Sid, call.PhoneNumberSid);
    }

    [Fact]
    public async Task Create_ApiKeyAndSecret_IsAcceptedAndAWrongSecretIs20003()
    {
        await using var sim = await StartAsync();
        var o = sim.Options;

        var call = await CallResource.CreateAsync(Call("+15558675310"), SdkClients.ForSimulator(sim, o.ApiKeySid, o.ApiKeySecret, o.AccountSid));
        var e = await Assert.ThrowsAsync<ApiException>(() =>
            CallResource.CreateAsync(Call("+15558675310"), SdkClients.ForSimulator(sim, o.ApiKeySid, "wrong", o.AccountSid)));

        Assert.Equal(o.AccountSid, call.AccountSid);
        Assert.Equal((20003, 401), (e.Code, e.Status));
        Assert.Single(sim.Calls);
    }

    [Fact]
    public async Task Create_TestCredentials_AcceptedButNothingHappensAndFetchIs20008()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await StartAsync(new TwilioSimulatorOptions { TestCredentials = true });
        var client = SdkClients.ForSimulator(sim);
        var options = Call("+15558675310");
        options.StatusCallback = new Uri(listener.BaseAddress, "voice/status");

        var call = await CallResource.CreateAsync(options, client);
        _time.Advance(TimeSpan.FromMinutes(1));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);
        var fetch = await Assert.ThrowsAsync<ApiException>(() => CallResource.FetchAsync(call.Sid, client: client));
        var otherFrom = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(Call("+15558675310", "+15557654321"), client));

        Assert.Equal(CallResource.StatusEnum.Queued, call.Status);
        Assert.Equal("queued", Assert.Single(sim.Calls).Status);
        Assert.Empty(listener.Received);
        Assert.Equal((20008, 403), (fetch.Code, fetch.Status));
        Assert.Equal(21210, otherFrom.Code);
    }

    [Fact]
    public async Task Read_FilterByTo_ListEnvelopeValidAgainstSchemaAndSdkReadsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await StartAsync();
        var client = SdkClients.ForSimulator(sim);
        var first = await CallResource.CreateAsync(Call("+15558675310"), client);
        await CallResource.CreateAsync(Call("+15551112222"), client);
        var second = await CallResource.CreateAsync(Call("+15558675310"), client);
        using var http = Raw(sim);

        using var json = JsonDocument.Parse(await http.GetStringAsync(
            $"2010-04-01/Accounts/{sim.Options.AccountSid}/Calls.json?To=%2B15558675310&PageSize=1", ct));
        var read = await CallResource.ReadAsync(new ReadCallOptions { To = new PhoneNumber("+15558675310"), PageSize = 1 }, client);

        Assert.Empty(_checker.Check(json.RootElement, _checker.Response("/2010-04-01/Accounts/{AccountSid}/Calls.json", "get")));
        Assert.Equal([second.Sid, first.Sid], read.Select(c => c.Sid));
    }

    [Fact]
    public async Task Fetch_UnknownSid_Throws20404()
    {
        await using var sim = await StartAsync();

        var e = await Assert.ThrowsAsync<ApiException>(() =>
            CallResource.FetchAsync("CA" + new string('0', 32), client: SdkClients.ForSimulator(sim)));

        Assert.Equal((20404, 404), (e.Code, e.Status));
    }

    [Fact]
    public async Task Create_FaultQueuedForCalls_HitsCallsOnlyOnce()
    {
        await using var sim = await StartAsync();
        var client = SdkClients.ForSimulator(sim);
        sim.Faults.Enqueue(new TwilioFault(TwilioFaultKind.TooManyRequests, RetryAfter: 2), 1, TwilioFaultTarget.Calls);

        var e = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(Call("+15558675310"), client));
        await MessageResource.CreateAsync(new CreateMessageOptions(new PhoneNumber("+15558675310"))
        {
            From = new PhoneNumber("+15005550006"),
            Body = "texts are not affected",
        }, client);
        var call = await CallResource.CreateAsync(Call("+15558675310"), client);

        Assert.Equal((20429, 429), (e.Code, e.Status));
        Assert.Equal(call.Sid, Assert.Single(sim.Calls).Sid);
    }
}
