using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Simulators.Twilio;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Verify.V2.Service;
using Twilio.Types;
using static Microsoft.Playwright.Assertions;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>The simulator's phone view: texts, replies, Verify codes and calls as a conversation per phone.</summary>
public sealed class TwilioSimulatorPhoneViewTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static Task<MessageResource> SmsAsync(TwilioSimulator sim, string to, string body) =>
        MessageResource.CreateAsync(new CreateMessageOptions(new PhoneNumber(to)) { From = new PhoneNumber("+15005550006"), Body = body },
            SdkClients.ForSimulator(sim));

    /// <summary>Alice gets two texts, replies, and gets a call; Bob's text fails; Carol gets a Verify code.</summary>
    private async Task<TwilioSimulator> StartWithTrafficAsync(CallbackListener listener)
    {
        var options = new TwilioSimulatorOptions { InboundWebhookUrl = new Uri(listener.BaseAddress, "in") };
        options.Outcomes["+15550000002"] = DeliveryOutcome.Failed(30008);
        var sim = await TwilioSimulator.StartAsync(options, _time, cancellationToken: TestContext.Current.CancellationToken);
        await SmsAsync(sim, "+15550000001", "PO 1042 from <Acme & Sons> awaits approval");
        _time.Advance(TimeSpan.FromSeconds(5));
        await SmsAsync(sim, "+15550000002", "Invoice 88 posted");
        _time.Advance(TimeSpan.FromSeconds(5));
        await sim.InjectInboundAsync("+15550000001", "ok", TestContext.Current.CancellationToken);
        await VerificationResource.CreateAsync(new CreateVerificationOptions(sim.Options.Verify.ServiceSid, "+15550000003", "sms"),
            SdkClients.ForSimulator(sim));
        await CallResource.CreateAsync(new CreateCallOptions(new PhoneNumber("+15550000001"), new PhoneNumber("+15005550006"))
        {
            Twiml = new Twiml("<Response><Say>PO 1042 still awaits approval</Say></Response>"),
        }, SdkClients.ForSimulator(sim));
        _time.Advance(TimeSpan.FromSeconds(10));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);
        return sim;
    }

    [Fact]
    public async Task Html_ForABrowser_OneConversationPerPhoneNewestActivityFirstWithStatuses()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await StartWithTrafficAsync(listener);
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "_sim/twilio/messages");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await http.SendAsync(request, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        var fragment = await http.GetStringAsync("_sim/twilio/phone?part=conversations", ct);
        var json = await http.GetFromJsonAsync<JsonElement>("_sim/twilio/messages", ct);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        int At(string text) => html.IndexOf(text, StringComparison.Ordinal);
        Assert.True(At("(555) 000-0001") < At("(555) 000-0003") && At("(555) 000-0003") < At("(555) 000-0002"),
            "Alice (called last) first, then Carol, then Bob");
        Assert.Contains("PO 1042 from &lt;Acme &amp; Sons&gt; awaits approval", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Acme", html, StringComparison.Ordinal);
        Assert.Contains("delivered</span>", html, StringComparison.Ordinal);
        Assert.Contains("failed · error 30008 Unknown error", html, StringComparison.Ordinal);
        Assert.Contains("bubble in received\">ok", html, StringComparison.Ordinal);
        Assert.Contains($"verification code is: {sim.Verifications[0].Code}", html, StringComparison.Ordinal);
        Assert.Contains("said “PO 1042 still awaits approval”", html, StringComparison.Ordinal);
        Assert.StartsWith("<section", fragment, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(3, json.GetArrayLength());
    }

    [Fact]
    public async Task Browser_At390Pixels_FitsTheScreenAndShowsANewTextWithoutReload()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await StartWithTrafficAsync(listener);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });

        await page.GotoAsync(sim.PhoneAddress.AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Phone (555) 000-0001" })).ToContainTextAsync("ok");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await SmsAsync(sim, "+15550000002", "Supplier invoice 0000099123456789 with a very long reference ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 posted");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Phone (555) 000-0002" }))
            .ToContainTextAsync("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", new() { Timeout = 10_000 });
        var widthAfter = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "TestResults"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "TestResults", "twilio-phone-view-390.png"), FullPage = true });

        Assert.True(width <= 390, $"page is {width} px wide");
        Assert.True(widthAfter <= 390, $"page is {widthAfter} px wide after a long text");
        Assert.Equal(sim.PhoneAddress.AbsoluteUri, page.Url); // no reload, no navigation
    }

    [Fact]
    public async Task Html_NoTrafficYet_SaysSo()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var html = await http.GetStringAsync("_sim/twilio/phone", TestContext.Current.CancellationToken);

        Assert.Contains("No texts yet.", html, StringComparison.Ordinal);
    }
}
