using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Security;
using Twilio.Types;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>Status callbacks and inbound SMS reaching a local listener, checked with the SDK's RequestValidator.</summary>
public sealed class TwilioSimulatorCallbackTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static async Task<MessageResource> SendAsync(TwilioSimulator sim, Uri callback, string to = "+15558675310") =>
        await MessageResource.CreateAsync(new CreateMessageOptions(new PhoneNumber(to))
        {
            From = new PhoneNumber("+15557654321"),
            Body = "Invoice 88 posted",
            StatusCallback = callback,
        }, SdkClients.ForSimulator(sim));

    [Fact]
    public async Task StatusCallbacks_ClockAdvanced_SentThenDeliveredSignedForSdkValidator()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        var callback = new Uri(listener.BaseAddress, "twilio/status?tenant=1");
        var message = await SendAsync(sim, callback);

        _time.Advance(TimeSpan.FromSeconds(1));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);
        var afterSent = listener.Received.Count;
        _time.Advance(TimeSpan.FromSeconds(2));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);

        var validator = new RequestValidator(sim.Options.AuthToken);
        var received = listener.Received.ToList();
        Assert.Equal(1, afterSent);
        Assert.Equal(["sent", "delivered"], received.Select(r => r.Form["MessageStatus"]));
        Assert.All(received, r =>
        {
            Assert.Equal(callback.OriginalString, r.Url);
            Assert.True(validator.Validate(r.Url, r.Form, r.Signature));
            Assert.Equal(message.Sid, r.Form["MessageSid"]);
            Assert.Equal(message.Sid, r.Form["SmsSid"]);
            Assert.Equal("2010-04-01", r.Form["ApiVersion"]);
            Assert.Equal(sim.Options.AccountSid, r.Form["AccountSid"]);
        });
        Assert.Equal("2603020900", received[1].Form["RawDlrDoneDate"]);
        Assert.Equal("delivered", (await MessageResource.FetchAsync(message.Sid, client: SdkClients.ForSimulator(sim))).Status.ToString());
    }

    [Fact]
    public async Task StatusCallbacks_UndeliveredOutcome_CarryErrorCode()
    {
        await using var listener = await CallbackListener.StartAsync();
        var options = new TwilioSimulatorOptions();
        options.Outcomes["+15550000003"] = DeliveryOutcome.Undelivered(30003);
        await using var sim = await TwilioSimulator.StartAsync(options, _time, cancellationToken: TestContext.Current.CancellationToken);
        var message = await SendAsync(sim, new Uri(listener.BaseAddress, "status"), "+15550000003");

        _time.Advance(TimeSpan.FromSeconds(3));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);

        var last = listener.Received.Last();
        Assert.Equal(("undelivered", "30003"), (last.Form["MessageStatus"], last.Form["ErrorCode"]));
        var fetched = await MessageResource.FetchAsync(message.Sid, client: SdkClients.ForSimulator(sim));
        Assert.Equal(30003, fetched.ErrorCode);
    }

    [Fact]
    public async Task StatusCallbacks_FailedOutcome_OneFailedCallbackWithoutSent()
    {
        await using var listener = await CallbackListener.StartAsync();
        var options = new TwilioSimulatorOptions();
        options.Outcomes["+15550000008"] = DeliveryOutcome.Failed(30008);
        await using var sim = await TwilioSimulator.StartAsync(options, _time, cancellationToken: TestContext.Current.CancellationToken);
        await SendAsync(sim, new Uri(listener.BaseAddress, "status"), "+15550000008");

        _time.Advance(TimeSpan.FromSeconds(5));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);

        var only = Assert.Single(listener.Received);
        Assert.Equal(("failed", "30008"), (only.Form["MessageStatus"], only.Form["ErrorCode"]));
    }

    [Fact]
    public async Task StatusCallbacks_ReorderedAndDuplicated_FinalFirstEachTwiceWithSameToken()
    {
        await using var listener = await CallbackListener.StartAsync();
        var options = new TwilioSimulatorOptions { ReorderCallbacks = true, DuplicateCallbacks = true };
        await using var sim = await TwilioSimulator.StartAsync(options, _time, cancellationToken: TestContext.Current.CancellationToken);
        await SendAsync(sim, new Uri(listener.BaseAddress, "status"));

        _time.Advance(TimeSpan.FromSeconds(1));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);
        Assert.Empty(listener.Received);
        _time.Advance(TimeSpan.FromSeconds(2));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);

        var received = listener.Received.ToList();
        Assert.Equal(["delivered", "delivered", "sent", "sent"], received.Select(r => r.Form["MessageStatus"]));
        Assert.Equal(received[0].IdempotencyToken, received[1].IdempotencyToken);
        Assert.NotEqual(received[1].IdempotencyToken, received[2].IdempotencyToken);
    }

    [Fact]
    public async Task StatusCallbacks_TestCredentials_NoneSent()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions { TestCredentials = true }, _time, cancellationToken: TestContext.Current.CancellationToken);
        await MessageResource.CreateAsync(new CreateMessageOptions(new PhoneNumber("+15558675310"))
        {
            From = new PhoneNumber("+15005550006"),
            Body = "x",
            StatusCallback = new Uri(listener.BaseAddress, "status"),
        }, SdkClients.ForSimulator(sim));

        _time.Advance(TimeSpan.FromMinutes(1));
        await sim.FlushCallbacksAsync(TestContext.Current.CancellationToken);

        Assert.Empty(listener.Received);
    }

    [Fact]
    public async Task InjectInbound_Stop_SignedPostOptsOutUntilStart()
    {
        await using var listener = await CallbackListener.StartAsync();
        var inbound = new Uri(listener.BaseAddress, "twilio/inbound");
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions { InboundWebhookUrl = inbound }, _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim);
        var sms = new CreateMessageOptions(new PhoneNumber("+15558675310")) { From = new PhoneNumber("+15557654321"), Body = "hi" };

        var result = await sim.InjectInboundAsync("+15558675310", "stop", TestContext.Current.CancellationToken);
        var blocked = await Assert.ThrowsAsync<global::Twilio.Exceptions.ApiException>(() => MessageResource.CreateAsync(sms, client));
        await sim.InjectInboundAsync("+15558675310", "START", TestContext.Current.CancellationToken);
        await MessageResource.CreateAsync(sms, client);

        var stop = listener.Received.First();
        Assert.Equal((200, "text/xml"), (result.HttpStatus, result.ContentType));
        Assert.Equal(("stop", "STOP", "received"), (stop.Form["Body"], stop.Form["OptOutType"], stop.Form["SmsStatus"]));
        Assert.True(new RequestValidator(sim.Options.AuthToken).Validate(inbound.OriginalString, stop.Form, stop.Signature));
        Assert.Equal(21610, blocked.Code);
    }

    [Fact]
    public async Task InjectInbound_FreeText_ForwardedWithoutOptOutType()
    {
        await using var listener = await CallbackListener.StartAsync();
        var options = new TwilioSimulatorOptions { InboundWebhookUrl = new Uri(listener.BaseAddress, "in") };
        await using var sim = await TwilioSimulator.StartAsync(options, _time, cancellationToken: TestContext.Current.CancellationToken);

        await sim.InjectInboundAsync("+15558675310", "Stop please, I am on leave", TestContext.Current.CancellationToken);

        var got = Assert.Single(listener.Received);
        Assert.False(got.Form.ContainsKey("OptOutType"));
        Assert.False(sim.State.IsOptedOut("+15558675310"));
        Assert.Equal("inbound", sim.Messages.Single().Direction);
    }
}
