using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlConnector.Sms;

namespace MlConnector.Tests.Sms;

/// <summary>
/// The look at Twilio's message list for a send in doubt, through the SDK against a canned Messages.json (no sockets):
/// bounded to the first pages, newest first, matched on the created time (no DateSent filter), and never throwing.
/// </summary>
public sealed class TwilioMessageLookupTests
{
    private const string Phone = "+15550109999";
    private const string Body = "PO 4711 approved";
    private static readonly DateTimeOffset Since = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly HashSet<string> NoSids = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Find_AListWhoseNextPageNeverEnds_ReadsABoundedNumberOfPages()
    {
        var twilio = new CannedMessageList(page => page < 100
            ? new(Enumerable.Range(0, 50).Select(i => Message($"SM{page:D4}{i:D28}", "another text", Since.AddMinutes(1))), HasNext: true)
            : null);

        var result = await Sender(twilio).FindAsync(Phone, Body, Since, NoSids, Ct);

        Assert.IsType<LookupResult.NotFound>(result);
        Assert.InRange(twilio.Requests, 1, 4);
    }

    [Fact]
    public async Task Find_ASecondPageTwilioCannotServe_SaysUnknownAndThrowsNothing()
    {
        var twilio = new CannedMessageList(page => page == 0
            ? new(Enumerable.Range(0, 50).Select(i => Message($"SM{i:D32}", "another text", Since.AddMinutes(1))), HasNext: true)
            : null); // the next page: 500 with an HTML body

        var result = await Sender(twilio).FindAsync(Phone, Body, Since, NoSids, Ct);

        Assert.IsType<LookupResult.Unknown>(result);
        Assert.Equal(2, twilio.Requests);
    }

    [Fact]
    public async Task Find_OnlyTextsCreatedSinceTheAttemptBegan_NewestFirst_WithoutADateSentFilter()
    {
        var twilio = new CannedMessageList(page => page == 0
            ? new([
                Message("SM" + new string('3', 32), Body, Since.AddSeconds(30), queued: true),
                Message("SM" + new string('2', 32), Body, Since.AddSeconds(10)),
                Message("SM" + new string('1', 32), Body, Since.AddSeconds(-1)),
            ], HasNext: false)
            : null);

        var result = await Sender(twilio).FindAsync(Phone, Body, Since, NoSids, Ct);

        var found = Assert.IsType<LookupResult.Found>(result);
        Assert.Equal("SM" + new string('3', 32), found.MessageSid);
        Assert.DoesNotContain("DateSent", twilio.LastQuery, StringComparison.Ordinal);
        Assert.Contains("To=%2B15550109999", twilio.LastQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_TheNewestMatchRecordedOnAnotherAlert_IsSkipped()
    {
        var twilio = new CannedMessageList(page => page == 0
            ? new([Message("SM" + new string('5', 32), Body, Since.AddSeconds(20)), Message("SM" + new string('4', 32), Body, Since.AddSeconds(5))],
                HasNext: false)
            : null);

        var result = await Sender(twilio).FindAsync(Phone, Body, Since, new HashSet<string> { "SM" + new string('5', 32) }, Ct);

        Assert.Equal("SM" + new string('4', 32), Assert.IsType<LookupResult.Found>(result).MessageSid);
    }

    [Fact]
    public async Task Find_APageAllOlderThanTheAttempt_EndsTheLookThere()
    {
        var twilio = new CannedMessageList(page => new(
            Enumerable.Range(0, 50).Select(i => Message($"SM{page:D4}{i:D28}", "another text", Since.AddHours(-1 - page))), HasNext: true));

        Assert.IsType<LookupResult.NotFound>(await Sender(twilio).FindAsync(Phone, Body, Since, NoSids, Ct));
        Assert.Equal(1, twilio.Requests);
    }

    private static TwilioSmsSender Sender(CannedMessageList twilio) => new(new OneClientFactory(twilio),
        Options.Create(new TwilioOptions { AccountSid = "AC" + new string('0', 32), AuthToken = "token", From = "+15005550006" }),
        NullLogger<TwilioSmsSender>.Instance);

    private static Dictionary<string, object?> Message(string sid, string body, DateTimeOffset created, bool queued = false) => new()
    {
        ["sid"] = sid, ["to"] = Phone, ["from"] = "+15005550006", ["body"] = body, ["status"] = queued ? "queued" : "delivered",
        ["direction"] = "outbound-api", ["num_segments"] = "1", ["num_media"] = "0", ["api_version"] = "2010-04-01",
        ["date_created"] = created.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
        ["date_updated"] = created.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
        ["date_sent"] = queued ? null : created.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
    };

    private sealed record CannedPage(IEnumerable<Dictionary<string, object?>> Messages, bool HasNext);

    /// <summary>Messages.json from a function of the page number; null answers 500 with an HTML page.</summary>
    private sealed class CannedMessageList(Func<int, CannedPage?> pages) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        public string LastQuery { get; private set; } = "";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            LastQuery = request.RequestUri!.Query;
            var query = QueryHelpers.ParseQuery(request.RequestUri.Query);
            var number = query.TryGetValue("Page", out var p) ? int.Parse(p.ToString(), CultureInfo.InvariantCulture) : 0;
            if (pages(number) is not { } page)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError)
                {
                    Content = new StringContent("<html><body>500 Internal Server Error</body></html>", Encoding.UTF8, "text/html"),
                });
            }

            var path = request.RequestUri.AbsolutePath;
            var body = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["messages"] = page.Messages.ToList(), ["page"] = number, ["page_size"] = 50, ["start"] = number * 50,
                ["end"] = number * 50 + 49, ["uri"] = path, ["first_page_uri"] = path, ["previous_page_uri"] = null,
                ["next_page_uri"] = page.HasNext ? $"{path}?To=%2B15550109999&PageSize=50&Page={number + 1}&PageToken=PA{number}" : null,
            });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private sealed class OneClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
