using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>
/// The TwiML half of <see cref="CallEngine"/>: an answered call fetches or takes its document and follows it
/// (<see cref="TwimlScript"/>): &lt;Say&gt;, &lt;Play&gt; and &lt;Pause&gt; take simulated time, &lt;Gather&gt; waits
/// for a keypress (<see cref="PressAsync"/>) until its timeout, the action's answer replaces the document, the end of
/// the document hangs up.
/// </summary>
internal sealed partial class CallEngine
{
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

    private static Uri? Resolve(LiveCall call, string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute
        : call.DocumentUrl is { } baseUrl && Uri.TryCreate(baseUrl, target, out var relative) ? relative
        : null;
}
