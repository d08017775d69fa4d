namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>A call as the simulator holds it, for inspection: its resource fields and everything that happened on it.</summary>
public sealed record SimulatedCall(
    string Sid,
    DateTimeOffset DateCreated,
    DateTimeOffset DateUpdated,
    string To,
    string From,
    string Status,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    int? Duration,
    CallOutcome Outcome,
    Uri? Url,
    string Method,
    Uri? StatusCallback,
    string StatusCallbackMethod,
    IReadOnlyList<string> StatusCallbackEvents,
    int Timeout,
    int? ErrorCode,
    IReadOnlyList<TwimlDocument> Documents,
    IReadOnlyList<CallStep> Transcript,
    IReadOnlyList<VoiceWebhookRecord> Webhooks,
    GatherPrompt? Gathering);

/// <summary>One TwiML document the call was given: inline (<c>Twiml</c>) or fetched from a URL, as received.</summary>
public sealed record TwimlDocument(DateTimeOffset At, string Source, string Xml);

/// <summary>
/// One thing the call did: <c>say</c>, <c>play</c>, <c>pause</c>, <c>gather</c> (waiting for keys), <c>digits</c>
/// (keys pressed), <c>redirect</c>, <c>hangup</c>, <c>unsupported</c> (a verb the simulator skips) or <c>error</c>.
/// </summary>
public sealed record CallStep(DateTimeOffset At, string Verb, string? Text);

/// <summary>
/// One webhook of the call: <c>status</c> (a status callback), <c>twiml</c> (fetching the Url), <c>action</c> (a
/// &lt;Gather&gt; action) or <c>redirect</c>, with its parameters, signature and the answer's HTTP status (0: unreachable).
/// </summary>
public sealed record VoiceWebhookRecord(DateTimeOffset At, string Purpose, string Method, Uri Url,
    IReadOnlyDictionary<string, string> Parameters, int HttpStatus, string Signature);

/// <summary>The &lt;Gather&gt; a call is waiting in: where the keys go and when it gives up.</summary>
public sealed record GatherPrompt(Uri? Action, string Method, int? NumDigits, string FinishOnKey, DateTimeOffset TimesOutAt);
