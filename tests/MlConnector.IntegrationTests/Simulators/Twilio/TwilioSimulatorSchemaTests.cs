using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>Raw responses against the Message schema of specs/twilio_api_v2010.json.</summary>
public sealed class TwilioSimulatorSchemaTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly OpenApiSchemaChecker _checker;
    private readonly JsonDocument _spec;

    public TwilioSimulatorSchemaTests() => _checker = OpenApiSchemaChecker.LoadTwilioSpec(out _spec);

    public void Dispose() => _spec.Dispose();

    private static HttpClient Client(TwilioSimulator sim)
    {
        var http = new HttpClient { BaseAddress = sim.BaseAddress };
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{sim.Options.AccountSid}:{sim.Options.AuthToken}"));
        http.DefaultRequestHeaders.Authorization = new("Basic", basic);
        return http;
    }

    [Theory]
    [InlineData("Hello+world", null, "Hello world")]
    [InlineData("Caf%C3%A9+%F0%9F%91%8D", null, "Café 👍")]
    [InlineData("Via+service", "MG0123456789abcdef0123456789abcdef", "Via service")]
    public async Task CreateResponse_Any_ValidAgainstMessageSchema(string body, string? service, string expectedBody)
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        using var http = Client(sim);
        var form = $"To=%2B15558675310&From=%2B15557654321&Body={body}" + (service is null ? "" : $"&MessagingServiceSid={service}");

        using var response = await http.PostAsync($"2010-04-01/Accounts/{sim.Options.AccountSid}/Messages.json",
            new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"), TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^RQ[0-9a-f]{32}$", response.Headers.GetValues("Twilio-Request-Id").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_checker.Check(json.RootElement, _checker.Schema("api.v2010.account.message")));
        Assert.Equal("Mon, 02 Mar 2026 09:00:00 +0000", json.RootElement.GetProperty("date_created").GetString());
        Assert.Equal(service is null ? "queued" : "accepted", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(expectedBody, json.RootElement.GetProperty("body").GetString());
        Assert.Equal(service is null ? "1" : "0", json.RootElement.GetProperty("num_segments").GetString());
    }

    [Fact]
    public async Task FetchAfterDelivery_Any_ValidAgainstMessageSchema()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        using var http = Client(sim);
        using var created = await http.PostAsync($"2010-04-01/Accounts/{sim.Options.AccountSid}/Messages.json",
            new FormUrlEncodedContent([new("To", "+15558675310"), new("From", "+15557654321"), new("Body", "x")]),
            TestContext.Current.CancellationToken);
        var sid = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("sid").GetString();
        _time.Advance(TimeSpan.FromSeconds(3));

        using var json = JsonDocument.Parse(await http.GetStringAsync($"2010-04-01/Accounts/{sim.Options.AccountSid}/Messages/{sid}.json",
            TestContext.Current.CancellationToken));

        Assert.Empty(_checker.Check(json.RootElement, _checker.Schema("api.v2010.account.message")));
        Assert.Equal("delivered", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Mon, 02 Mar 2026 09:00:01 +0000", json.RootElement.GetProperty("date_sent").GetString());
    }

    [Fact]
    public async Task ErrorResponse_Unauthenticated_TwilioErrorShapeWithRequestId()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };

        using var response = await http.GetAsync($"2010-04-01/Accounts/{sim.Options.AccountSid}/Messages.json", TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.Contains("Twilio-Request-Id"));
        Assert.Equal(20003, json.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("https://www.twilio.com/docs/errors/20003", json.RootElement.GetProperty("more_info").GetString());
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
    }
}
