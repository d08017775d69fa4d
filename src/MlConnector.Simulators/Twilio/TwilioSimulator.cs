using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlConnector.Simulators.Twilio.Calls;
using MlConnector.Simulators.Twilio.PhoneNumbers;
using MlConnector.Simulators.Twilio.Verify;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// The Twilio simulator on its own Kestrel server: for tests (in-process, on 127.0.0.1:0) and for
/// <c>ml-connector simulate twilio</c>. Everything it does runs on the given <see cref="TimeProvider"/>.
/// </summary>
public sealed class TwilioSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TwilioSimulatorState _state;

    private TwilioSimulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        _state = app.Services.GetRequiredService<TwilioSimulatorState>();
    }

    /// <summary>The address actually bound, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Where the inspection routes live (GET messages, requests, callbacks): the messages as JSON, or to a browser the
    /// phone view (texts as a conversation per phone).
    /// </summary>
    public Uri InspectionAddress => new(BaseAddress, TwilioControlApi.Prefix + "/messages");

    /// <summary>The phone view: texts, Verify codes and calls as a conversation per phone, refreshing by itself.</summary>
    public Uri PhoneAddress => new(BaseAddress, TwilioControlApi.Prefix + "/phone");

    public TwilioSimulatorOptions Options => _state.Options;

    public TwilioSimulatorState State => _state;

    public IReadOnlyList<SimulatedMessage> Messages => _state.Messages;

    public IReadOnlyList<CreateRequestRecord> CreateRequests => _state.CreateRequests;

    public IReadOnlyList<CallbackRecord> Callbacks => _state.Callbacks;

    public TwilioFaults Faults => _state.Faults;

    /// <summary>Every accepted call with its TwiML, transcript and webhooks.</summary>
    public IReadOnlyList<SimulatedCall> Calls => _app.Services.GetRequiredService<CallStore>().Calls;

    /// <summary>The account's numbers (IncomingPhoneNumbers) with their webhook settings.</summary>
    public IReadOnlyList<SimulatedPhoneNumber> PhoneNumbers => _app.Services.GetRequiredService<PhoneNumberStore>().Numbers;

    /// <summary>Every Verify verification, with its code and the texts sent for it.</summary>
    public IReadOnlyList<SimulatedVerification> Verifications => _app.Services.GetRequiredService<VerifyStore>().Verifications;

    /// <summary>The Verify code <paramref name="to"/> last received (null when none was sent to it).</summary>
    public string? LatestVerifyCode(string to) => _app.Services.GetRequiredService<VerifyStore>().Latest(to)?.Code;

    public IReadOnlyList<SimulatedMessagingService> MessagingServices =>
        _app.Services.GetRequiredService<PhoneNumberStore>().Services;

    public static Task<TwilioSimulator> StartAsync(TwilioSimulatorOptions options, TimeProvider time,
        string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default) =>
        StartAsync(options, time, url, logging: null, cancellationToken);

    /// <summary>As above, with logging configured by <paramref name="logging"/> (none by default).</summary>
    public static async Task<TwilioSimulator> StartAsync(TwilioSimulatorOptions options, TimeProvider time, string url,
        Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton(time);
        builder.Services.AddTwilioSimulator(options);
        var app = builder.Build();
        app.MapTwilioSimulator();
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        return new TwilioSimulator(app, new Uri(bound.TrimEnd('/') + "/"));
    }

    public void OptOut(string phone) => _state.OptOut(phone);

    public void OptIn(string phone) => _state.OptIn(phone);

    /// <summary>A handset texts <paramref name="body"/> from <paramref name="from"/>: signed POST to the inbound webhook.</summary>
    public Task<InboundResult> InjectInboundAsync(string from, string body, CancellationToken cancellationToken = default) =>
        InjectInboundAsync(from, body, null, cancellationToken);

    /// <summary>As above, to the account's number <paramref name="to"/> (the default inbound number when null).</summary>
    public Task<InboundResult> InjectInboundAsync(string from, string body, string? to, CancellationToken cancellationToken = default) =>
        _app.Services.GetRequiredService<InboundSmsInjector>().InjectAsync(from, body, to, cancellationToken);

    /// <summary>Calls to <paramref name="phone"/> placed from now on end with <paramref name="outcome"/>.</summary>
    public void SetCallOutcome(string phone, CallOutcome outcome) =>
        _app.Services.GetRequiredService<CallStore>().SetOutcome(phone, outcome);

    /// <summary>
    /// The called person presses <paramref name="digits"/> on a live call waiting in a &lt;Gather&gt;: the keys are
    /// POSTed (signed) to the Gather's action and the call follows the TwiML it answers. Completes when that is done.
    /// </summary>
    public Task<KeypressResult> PressDigitsAsync(string callSid, string digits, CancellationToken cancellationToken = default) =>
        _app.Services.GetRequiredService<CallEngine>().PressAsync(callSid, digits, cancellationToken);

    /// <summary>
    /// Completes when every callback and call step that has fallen due on the clock has been done (webhooks POSTed).
    /// Advance the clock first; timers of a FakeTimeProvider fire inside Advance, so nothing due is missed.
    /// </summary>
    public async Task FlushCallbacksAsync(CancellationToken cancellationToken = default)
    {
        await _app.Services.GetRequiredService<CallEngine>().WhenIdleAsync(cancellationToken);
        await _app.Services.GetRequiredService<CallbackSender>().WhenIdleAsync(cancellationToken);
    }

    /// <summary>Completes when the host stops (Ctrl+C in a console, or <paramref name="cancellationToken"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _app.Services.GetRequiredService<StatusCallbackScheduler>().Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
