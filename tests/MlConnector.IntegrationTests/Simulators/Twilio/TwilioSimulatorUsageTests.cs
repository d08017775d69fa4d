using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.Usage;
using Twilio.Rest.Api.V2010.Account.Usage.Record;
using Twilio.Types;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>Usage Records computed from the texts and calls the simulator handled, through the official SDK 8.2.0.</summary>
public sealed class TwilioSimulatorUsageTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 27, 10, 0, 0, TimeSpan.Zero));
    private readonly OpenApiSchemaChecker _checker;
    private readonly JsonDocument _spec;

    public TwilioSimulatorUsageTests() => _checker = OpenApiSchemaChecker.LoadTwilioSpec(out _spec);

    public void Dispose() => _spec.Dispose();

    private static Task<MessageResource> SmsAsync(TwilioSimulator sim, string body, string to = "+15558675310") =>
        MessageResource.CreateAsync(new CreateMessageOptions(new PhoneNumber(to)) { From = new PhoneNumber("+15005550006"), Body = body },
            SdkClients.ForSimulator(sim));

    /// <summary>One text in February; in March two texts (1 and 2 segments), one that fails, and one reply.</summary>
    private async Task<TwilioSimulator> StartWithTrafficAsync(TwilioSimulatorOptions options)
    {
        await using var listener = await CallbackListener.StartAsync();
        options.Outcomes["+15550000008"] = DeliveryOutcome.Failed(30008);
        options.InboundWebhookUrl = new Uri(listener.BaseAddress, "in");
        var sim = await TwilioSimulator.StartAsync(options, _time, cancellationToken: TestContext.Current.CancellationToken);
        await SmsAsync(sim, "February text");
        _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(23)); // 2026-03-02 09:00
        await SmsAsync(sim, "PO 1042 awaits approval");
        await SmsAsync(sim, new string('x', 161));
        await SmsAsync(sim, "never sent", "+15550000008");
        await sim.InjectInboundAsync("+15558675310", "ok", TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(5));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);
        return sim;
    }

    [Fact]
    public async Task ThisMonth_Sms_CountsTextsBillsSegmentsAtThePricePerSegment()
    {
        await using var sim = await StartWithTrafficAsync(new TwilioSimulatorOptions());

        var sms = Assert.Single(await ThisMonthResource.ReadAsync(new ReadThisMonthOptions { Category = "sms" }, SdkClients.ForSimulator(sim)));

        Assert.Equal(("sms", "3", "messages"), (sms.Category, sms.Count, sms.CountUnit));
        Assert.Equal(("4", "segments"), (sms.Usage, sms.UsageUnit));
        Assert.Equal(0.0316m, sms.Price);
        Assert.Equal("usd", sms.PriceUnit);
        Assert.Equal((new DateTime(2026, 3, 1), new DateTime(2026, 3, 2)), (sms.StartDate, sms.EndDate));
    }

    [Fact]
    public async Task ThisMonth_RawResponse_ValidAgainstTheListSchemaWithEveryCategory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await StartWithTrafficAsync(new TwilioSimulatorOptions());
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{sim.Options.AccountSid}:{sim.Options.AuthToken}"));
        http.DefaultRequestHeaders.Authorization = new("Basic", basic);

        using var json = JsonDocument.Parse(await http.GetStringAsync(
            $"2010-04-01/Accounts/{sim.Options.AccountSid}/Usage/Records/ThisMonth.json", ct));

        Assert.Empty(_checker.Check(json.RootElement,
            _checker.Response("/2010-04-01/Accounts/{AccountSid}/Usage/Records/ThisMonth.json", "get")));
        var categories = json.RootElement.GetProperty("usage_records").EnumerateArray()
            .ToDictionary(r => r.GetProperty("category").GetString()!);
        Assert.Equal(["sms", "sms-outbound", "sms-inbound", "calls", "calls-outbound", "totalprice"], categories.Keys);
        Assert.Equal(("2", "3"), (categories["sms-outbound"].GetProperty("count").GetString(), categories["sms-outbound"].GetProperty("usage").GetString()));
        Assert.Equal("1", categories["sms-inbound"].GetProperty("count").GetString());
        Assert.Equal(0.0316m, categories["totalprice"].GetProperty("price").GetDecimal());
        Assert.Equal("2026-03-02T09:00:05+00:00", categories["sms"].GetProperty("as_of").GetString());
    }

    [Fact]
    public async Task TodayAndDatedRecords_CountOnlyTheirDays()
    {
        var options = new TwilioSimulatorOptions();
        options.Usage.PricePerSegment = 0.01m;
        await using var sim = await StartWithTrafficAsync(options);
        var client = SdkClients.ForSimulator(sim);

        var today = Assert.Single(await TodayResource.ReadAsync(new ReadTodayOptions { Category = "sms-outbound" }, client));
        var february = Assert.Single(await RecordResource.ReadAsync(new ReadRecordOptions
        {
            Category = "sms",
            StartDate = new DateTime(2026, 2, 1),
            EndDate = new DateTime(2026, 2, 28),
        }, client));
        var lastMonth = Assert.Single(await LastMonthResource.ReadAsync(new ReadLastMonthOptions { Category = "sms" }, client));
        var unknown = await RecordResource.ReadAsync(new ReadRecordOptions { Category = "faxes" }, client);

        Assert.Equal(("2", "3", 0.03m), (today.Count, today.Usage, today.Price));
        Assert.Equal(("1", "1", 0.01m), (february.Count, february.Usage, february.Price));
        Assert.Equal((new DateTime(2026, 2, 1), new DateTime(2026, 2, 28)), (lastMonth.StartDate, lastMonth.EndDate));
        Assert.Equal("1", lastMonth.Count);
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task Calls_AnsweredCall_BilledPerStartedMinute()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim);
        await CallResource.CreateAsync(new CreateCallOptions(new PhoneNumber("+15558675310"), new PhoneNumber("+15005550006"))
        {
            Twiml = new Twiml("<Response><Say>PO 1042 awaits approval</Say></Response>"),
        }, client);
        _time.Advance(TimeSpan.FromSeconds(10));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);

        var calls = Assert.Single(await TodayResource.ReadAsync(new ReadTodayOptions { Category = "calls" }, client));

        Assert.Equal(("1", "calls", "1", "minutes", 0.014m), (calls.Count, calls.CountUnit, calls.Usage, calls.UsageUnit, calls.Price));
    }

    [Fact]
    public async Task Usage_TestCredentialsOrUnknownPeriod_Refused()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        await using var test = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions { TestCredentials = true }, _time,
            cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{sim.Options.AccountSid}:{sim.Options.AuthToken}"));
        http.DefaultRequestHeaders.Authorization = new("Basic", basic);

        var forbidden = await Assert.ThrowsAsync<ApiException>(() => ThisMonthResource.ReadAsync(new ReadThisMonthOptions(), SdkClients.ForSimulator(test)));
        using var unknown = await http.GetAsync($"2010-04-01/Accounts/{sim.Options.AccountSid}/Usage/Records/Fortnight.json",
            TestContext.Current.CancellationToken);

        Assert.Equal((20008, 403), (forbidden.Code, forbidden.Status));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
