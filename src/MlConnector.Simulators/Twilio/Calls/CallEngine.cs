using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>
/// Runs simulated calls on the injected clock: queued → (initiated) → ringing → in-progress → completed, or busy,
/// no-answer, failed (the number's <see cref="CallOutcome"/>), with status callbacks for the requested events. An
/// answered call follows its TwiML (CallEngine.Twiml.cs). Timers only hand work to one loop, which does it in order,
/// so a call's webhooks never overlap; <see cref="WhenIdleAsync"/> waits for it.
/// </summary>
internal sealed partial class CallEngine(CallStore store, TwilioSimulatorState state, CallbackSender http,
    ILogger<CallEngine> logger) : BackgroundService
{
    private static readonly TimeSpan PlayTime = TimeSpan.FromSeconds(2);
    private readonly Channel<CallWork> _channel = Channel.CreateUnbounded<CallWork>();
    private readonly ConcurrentDictionary<ITimer, byte> _timers = new();
    private readonly PendingWork _pending = new();

    private CallSimulatorOptions Options => state.Options.Calls;

    /// <summary>Starts a new call's lifecycle (none with test credentials: they change no state, fire no callbacks).</summary>
    public void Start(LiveCall call)
    {
        if (!state.Options.TestCredentials)
        {
            Schedule(new CallWork(call.Sid, CallWorkKind.Dial, state.Time.GetUtcNow() + Options.RingDelay, call.Generation));
        }
    }

    /// <summary>The called person presses <paramref name="digits"/> now.</summary>
    public Task<KeypressResult> PressAsync(string sid, string digits, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<KeypressResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new CallWork(sid, CallWorkKind.Digits, state.Time.GetUtcNow(), 0, digits, reply));
        return reply.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes when every call step that has fallen due has been done.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken) => _pending.WhenIdleAsync(cancellationToken);

    public override void Dispose()
    {
        foreach (var timer in _timers.Keys)
        {
            timer.Dispose();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _channel.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await HandleAsync(work, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.CallStepFailed(e, work.Sid, work.Kind.ToString());
                work.Reply?.TrySetException(e);
            }
            finally
            {
                _pending.Done();
            }
        }
    }

    private async Task HandleAsync(CallWork work, CancellationToken ct)
    {
        if (store.Live(work.Sid) is not { } call)
        {
            work.Reply?.TrySetResult(KeypressResult.UnknownCall);
            return;
        }

        var now = work.Due;
        switch (work.Kind)
        {
            case CallWorkKind.Dial:
                await DialAsync(call, now, ct);
                break;
            case CallWorkKind.Answer when call.Status == "ringing":
                await AnswerAsync(call, now, ct);
                break;
            case CallWorkKind.Busy when call.Status == "ringing":
                await EndAsync(call, "busy", now, ct);
                break;
            case CallWorkKind.NoAnswer when call.Status == "ringing":
                await EndAsync(call, "no-answer", now, ct);
                break;
            case CallWorkKind.Continue when !call.IsOver && call.Generation == work.Generation:
                await RunAsync(call, now, ct);
                break;
            case CallWorkKind.GatherTimeout when !call.IsOver && call.Generation == work.Generation:
                await GatherTimedOutAsync(call, now, ct);
                break;
            case CallWorkKind.Digits:
                work.Reply!.TrySetResult(await PressDigitsAsync(call, work.Digits!, now, ct));
                break;
        }
    }

    private async Task DialAsync(LiveCall call, DateTimeOffset now, CancellationToken ct)
    {
        await StatusEventAsync(call, "initiated", "initiated", now, ct);
        if (call.Outcome == CallOutcome.Failed)
        {
            await EndAsync(call, "failed", now, ct);
            return;
        }

        SetStatus(call, "ringing", now);
        await StatusEventAsync(call, "ringing", "ringing", now, ct);
        var (kind, at) = call.Outcome switch
        {
            CallOutcome.Busy => (CallWorkKind.Busy, now + Options.AnswerDelay),
            CallOutcome.NoAnswer => (CallWorkKind.NoAnswer, now + TimeSpan.FromSeconds(call.Request.Timeout)),
            _ => (CallWorkKind.Answer, now + Options.AnswerDelay),
        };
        Schedule(new CallWork(call.Sid, kind, at, call.Generation));
    }

    private async Task AnswerAsync(LiveCall call, DateTimeOffset now, CancellationToken ct)
    {
        SetStatus(call, "in-progress", now);
        await StatusEventAsync(call, "answered", "in-progress", now, ct);
        if (call.Request.Url is { } url)
        {
            if (!await LoadAsync(call, url, call.Request.Method, "twiml", null, now, ct))
            {
                return;
            }
        }
        else if (!await StartDocumentAsync(call, call.Request.Twiml!, "inline", null, now, ct))
        {
            return;
        }

        await RunAsync(call, now, ct);
    }

    private async Task EndAsync(LiveCall call, string status, DateTimeOffset now, CancellationToken ct)
    {
        if (call.IsOver)
        {
            return;
        }

        SetStatus(call, status, now);
        call.Generation++;
        await StatusEventAsync(call, "completed", status, now, ct);
    }

    private void SetStatus(LiveCall call, string status, DateTimeOffset now)
    {
        call.SetStatus(status, now);
        logger.CallStatusChanged(call.Sid, status);
    }

    private async Task StatusEventAsync(LiveCall call, string progressEvent, string callStatus, DateTimeOffset now,
        CancellationToken ct)
    {
        if (call.Request.StatusCallback is not { } url || !call.Request.StatusCallbackEvents.Contains(progressEvent))
        {
            return;
        }

        var parameters = VoiceWebhooks.StatusCallback(state.Options.AccountSid, call, callStatus, now);
        await SendAsync(call, "status", url, call.Request.StatusCallbackMethod, parameters,
            "IT" + Guid.NewGuid().ToString("N"), now, ct);
    }

    private async Task<WebhookAnswer> SendAsync(LiveCall call, string purpose, Uri url, string method,
        Dictionary<string, string> parameters, string? idempotencyToken, DateTimeOffset now, CancellationToken ct)
    {
        var answer = await http.SendSignedAsync(url, method, parameters, idempotencyToken, ct);
        call.Add(new VoiceWebhookRecord(now, purpose, method, url, parameters, answer.Status, answer.Signature));
        logger.VoiceWebhookSent(purpose, call.Sid, answer.Status);
        return answer;
    }

    private void Schedule(CallWork work)
    {
        var delay = work.Due - state.Time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(work); // due already (the clock jumped past it): event times still come from the schedule
            return;
        }

        ITimer? timer = null;
        timer = state.Time.CreateTimer(_ =>
        {
            if (timer is not null && _timers.TryRemove(timer, out byte _))
            {
                timer.Dispose();
            }

            Enqueue(work);
        }, null, delay, Timeout.InfiniteTimeSpan);
        _timers.TryAdd(timer, 0);
    }

    private void Enqueue(CallWork work)
    {
        _pending.Add();
        _channel.Writer.TryWrite(work);
    }
}
