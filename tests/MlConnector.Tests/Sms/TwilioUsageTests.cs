using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Sms;

namespace MlConnector.Tests.Sms;

/// <summary>This month's SMS spend through the SDK against a canned ThisMonth.json (no sockets): Twilio is asked once
/// per keeping time however often the overview refreshes, a failure is a sentence kept for a minute, and without an
/// account Twilio is not asked at all.</summary>
public sealed class TwilioUsageTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThisMonth_AskedAgainWithinTheKeepingTime_ReadsTwilioOnce_AndAgainAfterIt()
    {
        var twilio = new CannedUsage(_ => (HttpStatusCode.OK, Records(price: 0.0158m, segments: "2")));
        using var usage = Usage(twilio);

        var first = await usage.ThisMonthAsync(Ct);
        _time.Advance(TwilioUsage.KeepFor - TimeSpan.FromSeconds(1));
        var second = await usage.ThisMonthAsync(Ct);

        Assert.Equal(1, twilio.Requests);
        Assert.Same(first, second);
        Assert.Equal(new SmsSpend(0.0158m, "usd", "1", "messages", "2", "segments", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 3)),
            first.Spend);
        Assert.Contains("/Usage/Records/ThisMonth.json", twilio.LastPath, StringComparison.Ordinal);
        Assert.Contains("Category=sms", twilio.LastQuery, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(1));
        var third = await usage.ThisMonthAsync(Ct);

        Assert.Equal(2, twilio.Requests);
        Assert.Equal(_time.GetUtcNow(), third.ReadAt);
    }

    [Fact]
    public async Task ThisMonth_TwilioFails_SaysSoInWords_AndAsksAgainAfterAMinuteNotOnEveryRefresh()
    {
        var twilio = new CannedUsage(n => n == 1
            ? (HttpStatusCode.InternalServerError, "<html><body>500 Internal Server Error</body></html>")
            : (HttpStatusCode.OK, Records(price: 0m, segments: "0")));
        using var usage = Usage(twilio);

        var failed = await usage.ThisMonthAsync(Ct);
        _time.Advance(TwilioUsage.KeepFailureFor - TimeSpan.FromSeconds(1));
        var stillFailed = await usage.ThisMonthAsync(Ct);

        Assert.Null(failed.Spend);
        Assert.Equal("Could not read this month's spend from Twilio: it answered HTTP 500.", failed.Problem);
        Assert.Same(failed, stillFailed);
        Assert.Equal(1, twilio.Requests);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull((await usage.ThisMonthAsync(Ct)).Spend);
        Assert.Equal(2, twilio.Requests);
    }

    [Fact]
    public async Task ThisMonth_TwilioNotConfigured_SaysSoWithoutAskingTwilio()
    {
        var twilio = new CannedUsage(_ => (HttpStatusCode.OK, Records(0m, "0")));
        using var usage = Usage(twilio, new TwilioOptions());

        var reading = await usage.ThisMonthAsync(Ct);

        Assert.Null(reading.Spend);
        Assert.Equal("Twilio is not configured (Twilio:AccountSid), so there is no spend to show.", reading.Problem);
        Assert.Equal(0, twilio.Requests);
    }

    private TwilioUsage Usage(CannedUsage twilio, TwilioOptions? options = null) => new(new OneClientFactory(twilio),
        Options.Create(options ?? new TwilioOptions { AccountSid = "AC" + new string('0', 32), AuthToken = "token", From = "+15005550006" }),
        _time, NullLogger<TwilioUsage>.Instance);

    /// <summary>A ThisMonth.json page with the one record of category sms (price a JSON number, as the schema says).</summary>
    private static string Records(decimal price, string segments)
    {
        const string Path = "/2010-04-01/Accounts/AC00000000000000000000000000000000/Usage/Records/ThisMonth.json";
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["usage_records"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["account_sid"] = "AC" + new string('0', 32), ["api_version"] = "2010-04-01", ["as_of"] = "2026-12-03T09:00:00+00:00",
                    ["category"] = "sms", ["count"] = "1", ["count_unit"] = "messages", ["description"] = "SMS",
                    ["start_date"] = "2026-12-01", ["end_date"] = "2026-12-03", ["price"] = price, ["price_unit"] = "usd",
                    ["usage"] = segments, ["usage_unit"] = "segments", ["uri"] = Path + "?Category=sms",
                },
            },
            ["page"] = 0, ["page_size"] = 50, ["start"] = 0, ["end"] = 0, ["uri"] = Path, ["first_page_uri"] = Path,
            ["previous_page_uri"] = null, ["next_page_uri"] = null,
        });
    }

    /// <summary>Answers every request with the status and body a function of the request's number (1, 2...) gives.</summary>
    private sealed class CannedUsage(Func<int, (HttpStatusCode Status, string Body)> answer) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        public string LastPath { get; private set; } = "";

        public string LastQuery { get; private set; } = "";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            LastPath = request.RequestUri!.AbsolutePath;
            LastQuery = request.RequestUri.Query;
            var (status, body) = answer(Requests);
            var type = body.StartsWith('<') ? "text/html" : "application/json";
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, type) });
        }
    }

    private sealed class OneClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
