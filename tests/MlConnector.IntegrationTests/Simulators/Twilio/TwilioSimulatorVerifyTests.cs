using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;
using Twilio.Exceptions;
using Twilio.Rest.Verify.V2.Service;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>Verify v2 through the official SDK 8.2.0 and raw HTTP, against specs/twilio_verify_v2.json, on a fake clock.</summary>
public sealed class TwilioSimulatorVerifyTests : IDisposable
{
    private const string Phone = "+15558675310";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly OpenApiSchemaChecker _checker;
    private readonly JsonDocument _spec;

    public TwilioSimulatorVerifyTests() => _checker = OpenApiSchemaChecker.LoadVerifySpec(out _spec);

    public void Dispose() => _spec.Dispose();

    private async Task<TwilioSimulator> StartAsync(TwilioSimulatorOptions? options = null) =>
        await TwilioSimulator.StartAsync(options ?? new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);

    private static Task<VerificationResource> SendAsync(TwilioSimulator sim, string to = Phone, bool hostOnly = false) =>
        VerificationResource.CreateAsync(new CreateVerificationOptions(sim.Options.Verify.ServiceSid, to, "sms"),
            SdkClients.ForSimulator(sim, hostOnly: hostOnly));

    private static Task<VerificationCheckResource> CheckAsync(TwilioSimulator sim, string code, string? to = Phone, string? sid = null) =>
        VerificationCheckResource.CreateAsync(new CreateVerificationCheckOptions(sim.Options.Verify.ServiceSid)
        {
            Code = code,
            To = to,
            VerificationSid = sid,
        }, SdkClients.ForSimulator(sim));

    private static string CodeFor(TwilioSimulator sim, string to = Phone) => sim.Verifications.Last(v => v.To == to).Code;

    [Fact]
    public async Task RawHttp_SendAndCheck_ValidAgainstVerifySchemas()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{sim.Options.AccountSid}:{sim.Options.AuthToken}"));
        http.DefaultRequestHeaders.Authorization = new("Basic", basic);
        var service = $"verify/v2/Services/{sim.Options.Verify.ServiceSid}";

        using var sent = await http.PostAsync($"{service}/Verifications",
            new FormUrlEncodedContent([new("To", Phone), new("Channel", "sms")]), ct);
        using var verification = JsonDocument.Parse(await sent.Content.ReadAsStringAsync(ct));
        using var checkedIn = await http.PostAsync($"{service}/VerificationCheck",
            new FormUrlEncodedContent([new("To", Phone), new("Code", CodeFor(sim))]), ct);
        using var check = JsonDocument.Parse(await checkedIn.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Empty(_checker.Check(verification.RootElement, _checker.Schema("verify.v2.service.verification")));
        Assert.Equal("2026-03-02T09:00:00Z", verification.RootElement.GetProperty("date_created").GetString());
        Assert.Equal(HttpStatusCode.OK, checkedIn.StatusCode);
        Assert.Empty(_checker.Check(check.RootElement, _checker.Schema("verify.v2.service.verification_check")));
        Assert.Equal("approved", check.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ControlApi_LatestCodeOfANumber_IsWhatItsPhoneLastReceived()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        await SendAsync(sim, "+15551112222");
        await SendAsync(sim);
        _time.Advance(TimeSpan.FromMinutes(10));
        var latest = await SendAsync(sim);

        var answer = await http.GetFromJsonAsync<JsonElement>($"_sim/twilio/verifications/latest?to={Uri.EscapeDataString(Phone)}", ct);
        using var none = await http.GetAsync("_sim/twilio/verifications/latest?to=%2B15550009999", ct);

        Assert.Equal((latest.Sid, CodeFor(sim), "pending"), (answer.GetProperty("sid").GetString(),
            answer.GetProperty("code").GetString(), answer.GetProperty("status").GetString()));
        Assert.Equal(Phone, answer.GetProperty("to").GetString());
        Assert.Equal("2026-03-02T09:20:00+00:00", answer.GetProperty("expiresAt").GetString());
        Assert.Equal(CodeFor(sim), sim.LatestVerifyCode(Phone));
        Assert.Null(sim.LatestVerifyCode("+15550009999"));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Sdk_RightCode_ApprovedOnceThenGone()
    {
        await using var sim = await StartAsync();

        var sent = await SendAsync(sim);
        var delivered = Assert.Single(Assert.Single(sim.Verifications).SendAttempts);
        var approved = await CheckAsync(sim, CodeFor(sim));
        var again = await Assert.ThrowsAsync<ApiException>(() => CheckAsync(sim, CodeFor(sim)));

        Assert.StartsWith("VE", sent.Sid, StringComparison.Ordinal);
        Assert.Equal(("pending", false), (sent.Status, sent.Valid));
        Assert.Matches("^[0-9]{6}$", CodeFor(sim));
        Assert.Equal($"Your ml-connector verification code is: {CodeFor(sim)}", delivered.Body);
        Assert.Equal(("approved", true, sent.Sid), (approved.Status, approved.Valid, approved.Sid));
        Assert.Equal((20404, 404), (again.Code, again.Status));
    }

    [Fact]
    public async Task Check_WrongCode_PendingUntilMaxAttemptsThen60202()
    {
        await using var sim = await StartAsync();
        var sent = await SendAsync(sim);
        var wrong = CodeFor(sim) == "000000" ? "111111" : "000000";

        var first = await CheckAsync(sim, wrong, to: null, sid: sent.Sid);
        for (var i = 1; i < sim.Options.Verify.MaxCheckAttempts; i++)
        {
            await CheckAsync(sim, wrong);
        }

        var blocked = await Assert.ThrowsAsync<ApiException>(() => CheckAsync(sim, CodeFor(sim)));

        Assert.Equal(("pending", false), (first.Status, first.Valid));
        Assert.Equal((60202, 429), (blocked.Code, blocked.Status));
        Assert.Equal("max_attempts_reached", Assert.Single(sim.Verifications).Status);
    }

    [Fact]
    public async Task Check_AfterTenMinutes_Expired20404()
    {
        await using var sim = await StartAsync();
        await SendAsync(sim);
        _time.Advance(TimeSpan.FromMinutes(9));
        var stillThere = await VerificationResource.FetchAsync(sim.Options.Verify.ServiceSid, sim.Verifications[0].Sid,
            SdkClients.ForSimulator(sim));
        _time.Advance(TimeSpan.FromMinutes(1));

        var e = await Assert.ThrowsAsync<ApiException>(() => CheckAsync(sim, CodeFor(sim)));

        Assert.Equal("pending", stillThere.Status);
        Assert.Equal((20404, 404), (e.Code, e.Status));
    }

    [Fact]
    public async Task Send_SixthTimeToOneNumber_60203With429UntilTheVerificationExpires()
    {
        await using var sim = await StartAsync();
        var first = await SendAsync(sim);
        for (var i = 1; i < sim.Options.Verify.MaxSendAttempts; i++)
        {
            await SendAsync(sim);
        }

        var e = await Assert.ThrowsAsync<ApiException>(() => SendAsync(sim));
        var otherNumber = await SendAsync(sim, "+15551112222");
        _time.Advance(TimeSpan.FromMinutes(10));
        var fresh = await SendAsync(sim);

        Assert.Equal((60203, 429), (e.Code, e.Status));
        Assert.Equal("Max send attempts reached", e.Message);
        Assert.Equal(5, sim.Verifications[0].SendAttempts.Count);
        Assert.All(sim.Verifications[0].SendAttempts, a => Assert.EndsWith(sim.Verifications[0].Code, a.Body, StringComparison.Ordinal));
        Assert.Equal("pending", otherNumber.Status);
        Assert.NotEqual(first.Sid, fresh.Sid);
    }

    [Theory]
    [InlineData("5558675310", "sms", 60200, 400)]
    [InlineData(Phone, "pigeon", 60200, 400)]
    [InlineData(Phone, "call", 60223, 400)]
    public async Task Send_BadInput_ThrowsVerifyCode(string to, string channel, int code, int status)
    {
        await using var sim = await StartAsync();

        var e = await Assert.ThrowsAsync<ApiException>(() => VerificationResource.CreateAsync(
            new CreateVerificationOptions(sim.Options.Verify.ServiceSid, to, channel), SdkClients.ForSimulator(sim)));

        Assert.Equal((code, status), (e.Code, e.Status));
        Assert.Empty(sim.Verifications);
    }

    [Fact]
    public async Task Send_UnknownServiceTestCredentialsOrWrongToken_RefusedLikeVerify()
    {
        await using var sim = await StartAsync();
        await using var test = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions { TestCredentials = true }, _time,
            cancellationToken: TestContext.Current.CancellationToken);

        var unknown = await Assert.ThrowsAsync<ApiException>(() => VerificationResource.CreateAsync(
            new CreateVerificationOptions("VA" + new string('0', 32), Phone, "sms"), SdkClients.ForSimulator(sim)));
        var testCredentials = await Assert.ThrowsAsync<ApiException>(() => SendAsync(test));
        var wrongToken = await Assert.ThrowsAsync<ApiException>(() => VerificationResource.CreateAsync(
            new CreateVerificationOptions(sim.Options.Verify.ServiceSid, Phone, "sms"), SdkClients.ForSimulator(sim, password: "nope")));

        Assert.Equal((20404, 404), (unknown.Code, unknown.Status));
        Assert.Equal((20008, 403), (testCredentials.Code, testCredentials.Status));
        Assert.Equal((20003, 401), (wrongToken.Code, wrongToken.Status));
    }

    [Fact]
    public async Task Send_ApiKeyAndSecret_IsAccepted()
    {
        await using var sim = await StartAsync();
        var o = sim.Options;

        var sent = await VerificationResource.CreateAsync(new CreateVerificationOptions(o.Verify.ServiceSid, Phone, "sms"),
            SdkClients.ForSimulator(sim, o.ApiKeySid, o.ApiKeySecret, o.AccountSid));

        Assert.Equal(o.AccountSid, sent.AccountSid);
    }

    [Fact]
    public async Task HostOnlyRewrite_BareVerifyPaths_AlsoServed()
    {
        await using var sim = await StartAsync();

        var sent = await SendAsync(sim, hostOnly: true);

        Assert.Equal(sent.Sid, Assert.Single(sim.Verifications).Sid);
    }

    [Fact]
    public async Task Faults_QueuedForVerify_RateLimitOnceWithRetryAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        (await http.PostAsJsonAsync("_sim/twilio/faults", new { kind = "tooManyRequests", target = "verify", retryAfter = 30 }, ct))
            .EnsureSuccessStatusCode();

        var limited = await Assert.ThrowsAsync<ApiException>(() => SendAsync(sim));
        await SendAsync(sim);
        var listed = await http.GetFromJsonAsync<JsonElement>("_sim/twilio/verifications", ct);

        Assert.Equal((20429, 429), (limited.Code, limited.Status));
        Assert.Equal(CodeFor(sim), Assert.Single(listed.EnumerateArray()).GetProperty("code").GetString());
    }
}
