using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.Rules;
using MlConnector.Simulators.Twilio;
using MlConnector.Simulators.Twilio.Calls;
using MlConnector.Storage;
using MlConnector.Voice;

namespace MlConnector.IntegrationTests.TwoWay;

/// <summary>Voice for what cannot wait (issue 16): a call through the Calls API (official SDK) to the simulator, which
/// reads the text, and a keypress of 1 that acknowledges; the call's status callbacks signed and audited.</summary>
public sealed class VoiceTests
{
    private static readonly (string, string)[] CallWhenATextFails =
        [($"Rules:{RulePresets.PoApproved}:Voice:When", "failed"), ($"Rules:{RulePresets.PoApproved}:Voice:After", "00:01:00")];

    [Fact]
    public async Task AFailedText_IsFollowedByACall_ThatReadsIt_AndAKeypressAcknowledgesTheEvent()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, CallWhenATextFails, ("Window", "1.00:00:00"));
        var twilio = h.Side.Twilio!;
        twilio.Options.Outcomes[TwoWayHarness.Buyer] = DeliveryOutcome.Undelivered(30003);
        var alert = await h.ApprovePurchaseOrderAsync(until: AlertStates.Undelivered);

        await h.PassAsync(TimeSpan.FromSeconds(40));
        Assert.Empty(twilio.Calls);
        h.Side.Time.Advance(TimeSpan.FromSeconds(40)); // the call falls due: a round places it (on its own, not driven)
        await WhenAsync(() => twilio.Calls.Count == 1);
        await h.Side.DriveUntilAsync(() => Task.FromResult(twilio.Calls.Any(c => c.Status == "in-progress")));
        var call = Assert.Single(twilio.Calls);
        Assert.Equal(TwoWayHarness.Buyer, call.To);
        Assert.Contains($"This is an alert from ml-connector. PO {alert.SourceKey.Trim()} approved", call.Documents[0].Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("Reply OK", call.Documents[0].Xml, StringComparison.Ordinal);

        Assert.Equal(KeypressResult.Followed, await twilio.PressDigitsAsync(call.Sid, "1", TestContext.Current.CancellationToken));
        await h.PassAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("buyer", (await h.ApiAlertAsync(alert.Id)).GetProperty("acknowledgedBy").GetString());
        var kinds = await h.AuditKindsAsync(alert.Id);
        Assert.Contains(AuditKinds.CallPlaced, kinds);
        Assert.Contains(AuditKinds.Acknowledged, kinds);
        Assert.Contains(AuditKinds.CallStatus, kinds);
        Assert.Equal("completed", twilio.Calls.Single().Status);
        Assert.All(twilio.Calls.Single().Webhooks, w => Assert.Equal(200, w.HttpStatus)); // every signed request accepted
    }

    [Fact]
    public async Task NotAcknowledged_CallsOnce_AndARestartDoesNotCallAgain()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null,
            [($"Rules:{RulePresets.PoApproved}:Voice:When", "not-acknowledged"), ($"Rules:{RulePresets.PoApproved}:Voice:After", "00:15:00")],
            ("Window", "1.00:00:00"));
        var twilio = h.Side.Twilio!;
        await h.ApprovePurchaseOrderAsync();

        await h.PassAsync(TimeSpan.FromMinutes(14));
        Assert.Empty(twilio.Calls);
        h.Side.Time.Advance(TimeSpan.FromMinutes(1.5)); // the call falls due: a round places it (on its own, not driven)
        await WhenAsync(() => StatesAsync(h).Result is ["placed"]);
        Assert.Single(twilio.Calls);
        await h.RestartAsync(crash: true);
        await h.PassAsync(TimeSpan.FromMinutes(5));

        Assert.Single(twilio.Calls);
        Assert.Equal(["placed"], await StatesAsync(h));
    }

    [Fact]
    public async Task ACallTwilioPlaced_WhoseProcessDiedBeforeRecordingIt_IsFoundInTwiliosCallList_NotPlacedAgain()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, CallWhenNotAcknowledged, ("Window", "1.00:00:00"));
        var twilio = h.Side.Twilio!;
        var alert = await h.ApprovePurchaseOrderAsync();
        await UntilTheCallIsOverAsync(h, () => StatesAsync(h).Result is ["placed"]);

        // As if the process had died after Twilio took the call, before it recorded the answer or any status callback.
        await ExecuteAsync(h, "UPDATE voice_calls SET state = 'placing', call_sid = NULL, call_status = NULL, updated_at = @Now",
            new { Now = h.Side.Time.GetUtcNow().ToStored() });
        await h.RestartAsync(crash: true);
        await h.PassAsync(VoiceCalls.PlacingTimeout - TimeSpan.FromMinutes(1));
        Assert.Equal(["placing"], await StatesAsync(h)); // a create may still be under way: not looked at yet
        await h.PassAsync(TimeSpan.FromMinutes(2));

        await WhenAsync(() => StatesAsync(h).Result is ["placed"]);
        var call = Assert.Single(twilio.Calls);
        Assert.Equal([call.Sid], await QueryAsync(h, "SELECT call_sid FROM voice_calls"));
        Assert.Equal(2, (await h.AuditKindsAsync(alert.Id)).Count(k => k == AuditKinds.CallPlaced));
    }

    [Fact]
    public async Task AStatusCallbackForACallStillPlacing_RecordsItPlaced_WithItsSid()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, CallWhenNotAcknowledged, ("Window", "1.00:00:00"));
        var twilio = h.Side.Twilio!;
        await h.ApprovePurchaseOrderAsync();
        await UntilTheCallIsOverAsync(h, () => StatesAsync(h).Result is ["placed"]);
        var call = twilio.Calls.Single();
        var id = (await QueryAsync(h, "SELECT CAST(id AS TEXT) FROM voice_calls")).Single();
        // As if the process placing it had died before recording Twilio's answer, and the call's last status came later.
        await ExecuteAsync(h, "UPDATE voice_calls SET state = 'placing', call_sid = NULL, call_status = NULL", new { });

        var url = new Uri(new Uri(h.Side.App.Urls.First()), $"/webhooks/twilio/voice/status?call={id}");
        var form = new Dictionary<string, string> { ["CallSid"] = call.Sid, ["CallStatus"] = "completed", ["AccountSid"] = twilio.Options.AccountSid };
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(twilio.Options.AuthToken, url.ToString(), form));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["placed"], await StatesAsync(h));
        Assert.Equal([call.Sid], await QueryAsync(h, "SELECT call_sid FROM voice_calls"));
    }

    [Fact]
    public async Task ACallWhoseCreateAnswerWasLost_IsRecordedPlacedByItsStatusCallbacks_NotPlacedAgain()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, CallWhenNotAcknowledged, ("Window", "1.00:00:00"));
        var twilio = h.Side.Twilio!;
        await h.ApprovePurchaseOrderAsync();
        twilio.Faults.Enqueue(new TwilioFault(TwilioFaultKind.AcceptThenDrop), target: TwilioFaultTarget.Calls);
        await UntilTheCallIsOverAsync(h, () => twilio.Calls.Count == 1);
        await WhenAsync(() => StatesAsync(h).Result is ["placed"] && QueryAsync(h, "SELECT call_sid FROM voice_calls").Result is [not null]);

        await h.PassAsync(TimeSpan.FromMinutes(20));
        var call = Assert.Single(twilio.Calls);
        Assert.Equal([call.Sid], await QueryAsync(h, "SELECT call_sid FROM voice_calls"));
    }

    [Fact]
    public async Task ACallClaimedByAProcessThatDiedBeforeItLeft_IsPlacedOnce()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, CallWhenNotAcknowledged, ("Window", "1.00:00:00"));
        var twilio = h.Side.Twilio!;
        var alert = await h.ApprovePurchaseOrderAsync();
        await h.PassAsync(TimeSpan.FromMinutes(1));
        // As if a process had claimed the call (state "placing") and died before its request left.
        await ExecuteAsync(h,
            """
            INSERT INTO voice_calls (company_id, alert_id, ack_event_id, rule_id, recipient_id, reason, state, created_at, updated_at)
            SELECT company_id, id, ack_event_id, rule_id, recipient_id, 'not-acknowledged', 'placing', @Now, @Now FROM alerts WHERE id = @Id
            """, new { alert.Id, Now = h.Side.Time.GetUtcNow().ToStored() });
        await h.RestartAsync(crash: true);

        await h.PassAsync(VoiceCalls.PlacingTimeout - TimeSpan.FromMinutes(1));
        Assert.Empty(twilio.Calls);
        await h.PassAsync(TimeSpan.FromMinutes(2));
        await WhenAsync(() => StatesAsync(h).Result is ["placed"]);
        Assert.Single(twilio.Calls);
        await h.PassAsync(TimeSpan.FromMinutes(20)); // the rule's own time for the call passes: still one call
        Assert.Single(twilio.Calls);
        Assert.Equal(["placed"], await StatesAsync(h));
    }

    private static readonly (string, string)[] CallWhenNotAcknowledged =
        [($"Rules:{RulePresets.PoApproved}:Voice:When", "not-acknowledged"), ($"Rules:{RulePresets.PoApproved}:Voice:After", "00:15:00")];

    /// <summary>Lets the not-acknowledged call of <see cref="CallWhenNotAcknowledged"/> fall due (15 minutes), waits until
    /// <paramref name="placed"/>, then until the call at the simulator is over (nobody presses a key).</summary>
    private static async Task UntilTheCallIsOverAsync(TwoWayHarness h, Func<bool> placed)
    {
        await h.PassAsync(TimeSpan.FromMinutes(14));
        h.Side.Time.Advance(TimeSpan.FromMinutes(1.5));
        await WhenAsync(placed);
        await h.Side.DriveUntilAsync(() => Task.FromResult(h.Side.Twilio!.Calls.Single().Status == "completed"));
    }

    private static async Task ExecuteAsync(TwoWayHarness h, string sql, object args)
    {
        await using var connection = await h.Side.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(sql, args);
    }

    private static async Task<List<string?>> QueryAsync(TwoWayHarness h, string sql)
    {
        await using var connection = await h.Side.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<string?>(sql)).ToList();
    }

    /// <summary>Until a round of voice calls, which runs on its own once the clock has made a call due, has done its
    /// work (it is not part of the dispatcher's activity, which a driver of the clock waits for).</summary>
    private static async Task WhenAsync(Func<bool> done)
    {
        for (var i = 0; i < 500 && !done(); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(done(), "the voice round did not place the call within 10 s");
    }

    private static async Task<List<string>> StatesAsync(TwoWayHarness h)
    {
        await using var connection = await h.Side.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<string>("SELECT state FROM voice_calls")).ToList();
    }

    [Fact]
    public async Task AnAcknowledgedEvent_IsNeverCalled()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null,
            [($"Rules:{RulePresets.PoApproved}:Voice:When", "not-acknowledged"), ($"Rules:{RulePresets.PoApproved}:Voice:After", "00:15:00")],
            ("Window", "1.00:00:00"));
        await h.ApprovePurchaseOrderAsync();
        await h.ReplyAsync(TwoWayHarness.Buyer, "ok");

        await h.PassAsync(TimeSpan.FromMinutes(20));

        Assert.Empty(h.Side.Twilio!.Calls);
    }

    [Theory]
    [InlineData("/webhooks/twilio/voice/gather?call=1")]
    [InlineData("/webhooks/twilio/voice/status?call=1")]
    public async Task AForgedVoiceWebhook_IsRefused(string path)
    {
        await using var h = await TwoWayHarness.StartWithAsync(null, CallWhenATextFails, ("Window", "1.00:00:00"));
        using var http = new HttpClient { BaseAddress = new Uri(h.Side.App.Urls.First()) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = "CA00000000000000000000000000000001", ["Digits"] = "1", ["CallStatus"] = "completed" });
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.Add("X-Twilio-Signature", "forged");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
