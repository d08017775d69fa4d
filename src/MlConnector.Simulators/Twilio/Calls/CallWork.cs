namespace MlConnector.Simulators.Twilio.Calls;

internal enum CallWorkKind
{
    Dial,
    Answer,
    Busy,
    NoAnswer,
    Continue,
    GatherTimeout,
    Digits,
}

/// <summary>What the answer to a simulated keypress was.</summary>
public enum KeypressResult
{
    /// <summary>The keys went to the &lt;Gather&gt; action and the call followed the TwiML it answered.</summary>
    Followed,
    UnknownCall,
    /// <summary>The call is not (or no longer) waiting in a &lt;Gather&gt;.</summary>
    NotGathering,
}

/// <summary>
/// One step of one call for the <see cref="CallEngine"/> loop, due at <paramref name="Due"/> on the simulator's clock.
/// <paramref name="Generation"/> ties timers to the document they were set for.
/// </summary>
internal sealed record CallWork(string Sid, CallWorkKind Kind, DateTimeOffset Due, int Generation, string? Digits = null,
    TaskCompletionSource<KeypressResult>? Reply = null);
