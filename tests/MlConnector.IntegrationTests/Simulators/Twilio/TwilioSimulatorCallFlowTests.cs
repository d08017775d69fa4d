using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;
using MlConnector.Simulators.Twilio.Calls;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Security;
using Twilio.Types;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>
/// A call's life on the fake clock: signed status callbacks, TwiML fetched from a URL, a keypress sent to the
/// &lt;Gather&gt; action and the TwiML it answers followed; outcomes per number.
/// </summary>
public sealed class TwilioSimulatorCallFlowTests
{
    private const string AckMenu = "<Response><Gather numDigits=\"1\" action=\"/voice/ack?alert=42\"><Say>PO 1042 awaits approval. Press 1 to acknowledge.</Say></Gather><Say>We did not hear from you.</Say></Response>";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private async Task<TwilioSimulator> StartAsync() =>
        await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);

    private async Task AdvanceAsync(TwilioSimulator sim, double seconds)
    {
        _time.Advance(TimeSpan.FromSeconds(seconds));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);
    }

    private static Task<CallResource> CallAsync(TwilioSimulator sim, string to, Uri? url = null, string? twiml = null,
        Uri? statusCallback = null, List<string>? events = null, int? timeout = null) =>
        CallResource.CreateAsync(new CreateCallOptions(new PhoneNumber(to), new PhoneNumber("+15005550006"))
        {
            Url = url,
            Twiml = twiml is null ? null : new Twiml(twiml),
            StatusCallback = statusCallback,
            StatusCallbackEvent = events,
            Timeout = timeout,
        }, SdkClients.ForSimulator(sim));

    [Fact]
    public async Task StatusCallbacks_AllEventsRequested_SignedInOrderForSdkValidator()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await StartAsync();
        var status = new Uri(listener.BaseAddress, "voice/status?alert=7");
        var call = await CallAsync(sim, "+15558675310", twiml: "<Response><Say>PO 1042 awaits approval</Say></Response>",
            statusCallback: status, events: ["initiated", "ringing", "answered", "completed"]);

        await AdvanceAsync(sim, 1);
        var afterDial = listener.Received.Count;
        await AdvanceAsync(sim, 3);
        var afterAnswer = listener.Received.Count;
        await AdvanceAsync(sim, 2);

        var validator = new RequestValidator(sim.Options.AuthToken);
        var received = listener.Received.ToList();
        Assert.Equal((2, 3), (afterDial, afterAnswer));
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], received.Select(r => r.Form["CallStatus"]));
        Assert.Equal(["0", "1", "2", "3"], received.Select(r => r.Form["SequenceNumber"]));
        Assert.All(received, r =>
        {
            Assert.Equal(status.OriginalString, r.Url);
            Assert.True(validator.Validate(r.Url, r.Form, r.Signature));
            Assert.Equal(call.Sid, r.Form["CallSid"]);
            Assert.Equal(("+15558675310", "+15005550006", "outbound-api"), (r.Form["To"], r.Form["From"], r.Form["Direction"]));
            Assert.Equal("call-progress-events", r.Form["CallbackSource"]);
            Assert.NotNull(r.IdempotencyToken);
        });
        Assert.Equal("2", received[3].Form["CallDuration"]);
        Assert.Equal("Mon, 02 Mar 2026 09:00:05 +0000", received[3].Form["Timestamp"]);
    }

    [Fact]
    public async Task StatusCallbacks_NoEventsRequested_OnlyCompleted()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await StartAsync();
        await CallAsync(sim, "+15558675310", twiml: "<Response><Hangup/></Response>", statusCallback: new Uri(listener.BaseAddress, "voice/status"));

        await AdvanceAsync(sim, 10);

        Assert.Equal("completed", Assert.Single(listener.Received).Form["CallStatus"]);
    }

    [Theory]
    [InlineData(CallOutcome.Busy, "busy")]
    [InlineData(CallOutcome.NoAnswer, "no-answer")]
    [InlineData(CallOutcome.Failed, "failed")]
    public async Task Outcome_SetForTheNumber_EndsWithThatStatusAndNeverFetchesTwiml(CallOutcome outcome, string status)
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await StartAsync();
        sim.SetCallOutcome("+15558675310", outcome);
        var call = await CallAsync(sim, "+15558675310", url: new Uri(listener.BaseAddress, "voice/answer"),
            statusCallback: new Uri(listener.BaseAddress, "voice/status"), timeout: 15);

        await AdvanceAsync(sim, 10);
        var before = sim.Calls.Single().Status;
        await AdvanceAsync(sim, 10);

        var fetched = await CallResource.FetchAsync(call.Sid, client: SdkClients.ForSimulator(sim));
        Assert.Equal(outcome == CallOutcome.NoAnswer ? "ringing" : status, before);
        Assert.Equal(status, fetched.Status.ToString());
        Assert.Null(fetched.Duration);
        var only = Assert.Single(listener.Received);
        Assert.Equal((status, "/voice/status"), (only.Form["CallStatus"], new Uri(only.Url).AbsolutePath));
    }

    [Fact]
    public async Task Keypress_OnGather_PostsSignedDigitsToTheActionAndFollowsItsTwiml()
    {
        await using var listener = await CallbackListener.StartAsync();
        listener.Answer("voice/answer", AckMenu);
        listener.Answer("voice/ack", "<Response><Say>Thank you, acknowledged.</Say><Hangup/></Response>");
        await using var sim = await StartAsync();
        var answerUrl = new Uri(listener.BaseAddress, "voice/answer?alert=42");
        var call = await CallAsync(sim, "+15558675310", url: answerUrl);

        await AdvanceAsync(sim, 4);
        var waiting = sim.Calls.Single();
        var result = await sim.PressDigitsAsync(call.Sid, "1", TestContext.Current.CancellationToken);
        var afterPress = sim.Calls.Single().Status;
        await AdvanceAsync(sim, 2);

        var validator = new RequestValidator(sim.Options.AuthToken);
        var (fetch, action) = (listener.Received.First(), listener.Received.Last());
        Assert.Equal(answerUrl.OriginalString, fetch.Url);
        Assert.Equal(("POST", "in-progress", call.Sid), (fetch.Method, fetch.Form["CallStatus"], fetch.Form["CallSid"]));
        Assert.True(validator.Validate(fetch.Url, fetch.Form, fetch.Signature));
        Assert.Equal(new Uri(listener.BaseAddress, "voice/ack?alert=42"), waiting.Gathering?.Action);
        Assert.Equal(AckMenu, Assert.Single(waiting.Documents).Xml);
        Assert.Equal(KeypressResult.Followed, result);
        Assert.Equal(new Uri(listener.BaseAddress, "voice/ack?alert=42").OriginalString, action.Url);
        Assert.Equal(("1", call.Sid, "in-progress"), (action.Form["Digits"], action.Form["CallSid"], action.Form["CallStatus"]));
        Assert.True(validator.Validate(action.Url, action.Form, action.Signature));
        Assert.Equal("in-progress", afterPress); // still saying "Thank you"
        var done = sim.Calls.Single();
        Assert.Equal("completed", done.Status);
        Assert.Equal(["say", "gather", "digits", "say", "hangup"], done.Transcript.Select(s => s.Verb));
        Assert.Equal("Thank you, acknowledged.", done.Transcript[3].Text);
        Assert.Equal(["twiml", "action"], done.Webhooks.Select(w => w.Purpose));
    }

    [Fact]
    public async Task Gather_NoKeyBeforeItsTimeout_GoesOnWithTheNextVerbAndRefusesLateKeys()
    {
        await using var listener = await CallbackListener.StartAsync();
        listener.Answer("voice/answer", AckMenu);
        await using var sim = await StartAsync();
        var call = await CallAsync(sim, "+15558675310", url: new Uri(listener.BaseAddress, "voice/answer"));

        await AdvanceAsync(sim, 4); // answered; the prompt takes 3.6 s, then Gather waits 5 s
        await AdvanceAsync(sim, 8);
        var stillWaiting = sim.Calls.Single().Gathering is not null;
        await AdvanceAsync(sim, 1);
        var late = await sim.PressDigitsAsync(call.Sid, "1", TestContext.Current.CancellationToken);
        await AdvanceAsync(sim, 3);

        var done = sim.Calls.Single();
        Assert.True(stillWaiting);
        Assert.Equal(KeypressResult.NotGathering, late);
        Assert.Equal("completed", done.Status);
        Assert.Equal("We did not hear from you.", done.Transcript.Last(s => s.Verb == "say").Text);
        Assert.Single(listener.Received); // the TwiML fetch only: no action was posted
    }

    [Fact]
    public async Task Keypress_ActionAnswers500_CallEndsWithApplicationError11200()
    {
        await using var listener = await CallbackListener.StartAsync();
        listener.Answer("voice/answer", AckMenu);
        listener.Answer("voice/ack", "oops", 500);
        await using var sim = await StartAsync();
        var call = await CallAsync(sim, "+15558675310", url: new Uri(listener.BaseAddress, "voice/answer"));
        await AdvanceAsync(sim, 4);

        await sim.PressDigitsAsync(call.Sid, "1", TestContext.Current.CancellationToken);

        var done = sim.Calls.Single();
        Assert.Equal(("completed", 11200), (done.Status, done.ErrorCode));
        Assert.Contains(done.Transcript, s => s.Verb == "error");
    }

    [Fact]
    public async Task ControlApi_DigitsAndOutcomes_DriveCallsOverHttp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var listener = await CallbackListener.StartAsync();
        listener.Answer("voice/answer", AckMenu);
        listener.Answer("voice/ack", "<Response><Hangup/></Response>");
        await using var sim = await StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        (await http.PostAsJsonAsync("_sim/twilio/call-outcomes", new { phone = "+15551112222", outcome = "busy" }, ct)).EnsureSuccessStatusCode();
        var busy = await CallAsync(sim, "+15551112222", url: new Uri(listener.BaseAddress, "voice/answer"));
        var call = await CallAsync(sim, "+15558675310", url: new Uri(listener.BaseAddress, "voice/answer"));
        await AdvanceAsync(sim, 4);

        using var pressed = await http.PostAsJsonAsync($"_sim/twilio/calls/{call.Sid}/digits", new { digits = "1" }, ct);
        var afterPress = await pressed.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var again = await http.PostAsJsonAsync($"_sim/twilio/calls/{call.Sid}/digits", new { digits = "1" }, ct);
        using var unknown = await http.PostAsJsonAsync("_sim/twilio/calls/CA00/digits", new { digits = "1" }, ct);
        using var badOutcome = await http.PostAsJsonAsync("_sim/twilio/call-outcomes", new { phone = "+1555", outcome = "maybe" }, ct);
        var all = await http.GetFromJsonAsync<JsonElement>("_sim/twilio/calls", ct);

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Equal("completed", afterPress.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badOutcome.StatusCode);
        var listed = all.EnumerateArray().ToDictionary(c => c.GetProperty("sid").GetString()!);
        Assert.Equal("busy", listed[busy.Sid].GetProperty("status").GetString());
        Assert.Equal("Busy", listed[busy.Sid].GetProperty("outcome").GetString());
        Assert.Equal(AckMenu, listed[call.Sid].GetProperty("documents")[0].GetProperty("xml").GetString());
    }
}
