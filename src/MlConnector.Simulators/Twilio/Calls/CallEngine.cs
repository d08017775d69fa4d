using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>
/// Runs simulated calls on the injected clock: queued → (initiated) → ringing → in-progress → completed, or busy,
/// no-answer, failed (the number's <see cref="CallOutcome"/>). An answered call fetches or takes its TwiML and follows
/// it (<see cref="TwimlScript"/>): &lt;Say&gt; and &lt;Pause&gt; take simulated time, &lt;Gather&gt; waits for a
/// keypress (<see cref="PressAsync"/>) until its timeout, the action's answer replaces the document, the end of the
/// document hangs up. Status callbacks go out for the requested events. Timers only hand work to one loop, which
/// does it in order, so a call's webhooks never overlap; <see cref="WhenIdleAsync"/> waits for it.
/// </summary>
internal sealed class CallEngine(CallStore store, TwilioSimulatorState state, CallbackSender http,
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

    /// <summary>Runs verbs from the current one until one takes time, waits for keys, or the call ends.</summary>
    private async Task RunAsync(LiveCall call, DateTimeOffset now, CancellationToken ct)
    {
        while (!call.IsOver)
        {
            if (call.Next >= call.Verbs.Count)
            {
                call.Add(new CallStep(now, "hangup", "end of the TwiML document"));
                await EndAsync(call, "completed", now, ct);
                return;
            }

            switch (call.Verbs[call.Next++])
            {
                case GatherVerb gather:
                    StartGather(call, gather, now);
                    return;
                case RedirectVerb redirect:
                    call.Add(new CallStep(now, "redirect", redirect.Url));
                    if (Resolve(call, redirect.Url) is not { } target)
                    {
                        await ApplicationErrorAsync(call, 11100, $"Invalid URL format: {redirect.Url}", now, ct);
                        return;
                    }

                    if (!await LoadAsync(call, target, redirect.Method, "redirect", null, now, ct))
                    {
                        return;
                    }

                    break;
                case HangupVerb:
                    call.Add(new CallStep(now, "hangup", null));
                    await EndAsync(call, "completed", now, ct);
                    return;
                case UnsupportedVerb unsupported:
                    call.Add(new CallStep(now, "unsupported", unsupported.Name));
                    break;
                case var timed:
                    Schedule(new CallWork(call.Sid, CallWorkKind.Continue, now + Perform(call, timed, now), call.Generation));
                    return;
            }
        }
    }

    /// <summary>Records a verb that takes time (Say, Play, Pause) and returns how long it takes.</summary>
    private TimeSpan Perform(LiveCall call, TwimlVerb verb, DateTimeOffset now)
    {
        switch (verb)
        {
            case SayVerb say:
                call.Add(new CallStep(now, "say", say.Text));
                var words = say.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                var once = Options.SayTimePerWord * words;
                return (once < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : once) * Math.Max(say.Loop, 1);
            case PlayVerb play:
                call.Add(new CallStep(now, "play", play.Url));
                return PlayTime * Math.Max(play.Loop, 1);
            case PauseVerb pause:
                call.Add(new CallStep(now, "pause", pause.Length + " s"));
                return TimeSpan.FromSeconds(pause.Length);
            default:
                return TimeSpan.Zero;
        }
    }

    private void StartGather(LiveCall call, GatherVerb gather, DateTimeOffset now)
    {
        var prompts = TimeSpan.Zero;
        foreach (var prompt in gather.Prompts)
        {
            prompts += Perform(call, prompt, now + prompts);
        }

        var timesOut = now + prompts + TimeSpan.FromSeconds(gather.Timeout);
        var action = gather.Action is { } a ? Resolve(call, a) : call.DocumentUrl;
        call.Gather(gather, new GatherPrompt(action, gather.Method, gather.NumDigits, gather.FinishOnKey, timesOut));
        call.Add(new CallStep(now, "gather", action is null ? "waiting for keys" : $"waiting for keys for {action}"));
        Schedule(new CallWork(call.Sid, CallWorkKind.GatherTimeout, timesOut, call.Generation));
    }

    private async Task<KeypressResult> PressDigitsAsync(LiveCall call, string digits, DateTimeOffset now, CancellationToken ct)
    {
        if (call.IsOver || call.PendingGather is not { } gather || call.Snapshot().Gathering is not { } prompt)
        {
            return KeypressResult.NotGathering;
        }

        var (keys, finishedOnKey) = (digits, "");
        if (gather.FinishOnKey.Length > 0 && digits.IndexOf(gather.FinishOnKey, StringComparison.Ordinal) is var cut and >= 0)
        {
            (keys, finishedOnKey) = (digits[..cut], gather.FinishOnKey);
        }

        if (gather.NumDigits is { } max && keys.Length > max)
        {
            keys = keys[..max];
        }

        StopGather(call);
        call.Add(new CallStep(now, "digits", keys));
        await FollowGatherAsync(call, prompt, keys, finishedOnKey, now, ct);
        return KeypressResult.Followed;
    }

    private async Task GatherTimedOutAsync(LiveCall call, DateTimeOffset now, CancellationToken ct)
    {
        if (call.PendingGather is not { } gather || call.Snapshot().Gathering is not { } prompt)
        {
            return;
        }

        StopGather(call);
        call.Add(new CallStep(now, "gather", "no keys before the timeout"));
        if (gather.ActionOnEmptyResult)
        {
            await FollowGatherAsync(call, prompt, "", "", now, ct);
        }
        else
        {
            await RunAsync(call, now, ct); // Twilio goes on with the verb after <Gather>
        }
    }

    private async Task FollowGatherAsync(LiveCall call, GatherPrompt prompt, string keys, string finishedOnKey,
        DateTimeOffset now, CancellationToken ct)
    {
        if (prompt.Action is not { } action)
        {
            await RunAsync(call, now, ct); // inline TwiML without an action: nowhere to post, go on
            return;
        }

        var extra = new Dictionary<string, string>(StringComparer.Ordinal) { ["Digits"] = keys, ["FinishedOnKey"] = finishedOnKey };
        if (await LoadAsync(call, action, prompt.Method, "action", extra, now, ct))
        {
            await RunAsync(call, now, ct);
        }
    }

    private static void StopGather(LiveCall call)
    {
        call.StopGathering();
        call.Generation++; // the timeout timer of this gather is now stale
    }

    /// <summary>Fetches TwiML from <paramref name="url"/> and makes it the running document; false if the call ended.</summary>
    private async Task<bool> LoadAsync(LiveCall call, Uri url, string method, string purpose,
        IReadOnlyDictionary<string, string>? extra, DateTimeOffset now, CancellationToken ct)
    {
        var parameters = VoiceWebhooks.Parameters(state.Options.AccountSid, call, call.Status);
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            parameters[name] = value;
        }

        var answer = await SendAsync(call, purpose, url, method, parameters, null, now, ct);
        if (answer.Status is < 200 or > 299)
        {
            await ApplicationErrorAsync(call, 11200, $"HTTP retrieval failure: {url} answered {answer.Status}", now, ct);
            return false;
        }

        return await StartDocumentAsync(call, answer.Body, url.OriginalString, url, now, ct);
    }

    private async Task<bool> StartDocumentAsync(LiveCall call, string xml, string source, Uri? url, DateTimeOffset now,
        CancellationToken ct)
    {
        call.Add(new TwimlDocument(now, source, xml));
        if (TwimlScript.Parse(xml) is not { } verbs)
        {
            await ApplicationErrorAsync(call, 12100, $"Document parse failure: {source}", now, ct);
            return false;
        }

        call.Verbs = verbs;
        call.Next = 0;
        call.DocumentUrl = url;
        call.Generation++;
        return true;
    }

    /// <summary>What Twilio does when the TwiML fails: says so, notes the error and hangs up.</summary>
    private async Task ApplicationErrorAsync(LiveCall call, int code, string detail, DateTimeOffset now, CancellationToken ct)
    {
        logger.CallError(call.Sid, code);
        call.Fail(code);
        call.Add(new CallStep(now, "error", $"{code}: {detail}"));
        call.Add(new CallStep(now, "say", "We are sorry, an application error has occurred. Goodbye."));
        await EndAsync(call, "completed", now, ct);
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

    private static Uri? Resolve(LiveCall call, string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute
        : call.DocumentUrl is { } baseUrl && Uri.TryCreate(baseUrl, target, out var relative) ? relative
        : null;

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
