namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>
/// A call's mutable state. Only the <see cref="CallEngine"/>'s single loop changes it (and the create that starts
/// it); readers take <see cref="Snapshot"/>s under the lock.
/// </summary>
internal sealed class LiveCall
{
    private readonly Lock _gate = new();
    private readonly List<TwimlDocument> _documents = [];
    private readonly List<CallStep> _transcript = [];
    private readonly List<VoiceWebhookRecord> _webhooks = [];
    private string _status = "queued";
    private DateTimeOffset _updated;
    private DateTimeOffset? _start;
    private DateTimeOffset? _end;
    private DateTimeOffset? _answered;
    private int? _errorCode;
    private GatherPrompt? _gathering;

    public LiveCall(string sid, DateTimeOffset created, CreateCallRequest request, CallOutcome outcome)
    {
        Sid = sid;
        Created = _updated = created;
        Request = request;
        Outcome = outcome;
    }

    public string Sid { get; }

    public DateTimeOffset Created { get; }

    public CreateCallRequest Request { get; }

    public CallOutcome Outcome { get; }

    /// <summary>The verbs being run, the next one's index and the URL they came from (null for inline TwiML).</summary>
    public IReadOnlyList<TwimlVerb> Verbs { get; set; } = [];

    public int Next { get; set; }

    public Uri? DocumentUrl { get; set; }

    /// <summary>Bumped whenever the running document changes or the call ends, so stale timers do nothing.</summary>
    public int Generation { get; set; }

    /// <summary>The &lt;Gather&gt; waiting for keys, with its verb.</summary>
    public GatherVerb? PendingGather { get; private set; }

    /// <summary>The callbacks sent so far (their SequenceNumber).</summary>
    public int CallbacksSent { get; set; }

    public string Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    public DateTimeOffset? AnsweredAt
    {
        get
        {
            lock (_gate)
            {
                return _answered;
            }
        }
    }

    public bool IsOver => Status is "completed" or "busy" or "no-answer" or "failed" or "canceled";

    public void SetStatus(string status, DateTimeOffset at)
    {
        lock (_gate)
        {
            _status = status;
            _updated = at;
            switch (status)
            {
                case "ringing":
                    _start ??= at;
                    break;
                case "in-progress":
                    _answered = at;
                    break;
                case "completed" or "busy" or "no-answer" or "failed" or "canceled":
                    _end = at;
                    _gathering = null;
                    PendingGather = null;
                    break;
            }
        }
    }

    public void Fail(int errorCode)
    {
        lock (_gate)
        {
            _errorCode = errorCode;
        }
    }

    public void Gather(GatherVerb verb, GatherPrompt prompt)
    {
        lock (_gate)
        {
            PendingGather = verb;
            _gathering = prompt;
        }
    }

    public void StopGathering()
    {
        lock (_gate)
        {
            PendingGather = null;
            _gathering = null;
        }
    }

    public void Add(TwimlDocument document)
    {
        lock (_gate)
        {
            _documents.Add(document);
        }
    }

    public void Add(CallStep step)
    {
        lock (_gate)
        {
            _transcript.Add(step);
        }
    }

    public void Add(VoiceWebhookRecord webhook)
    {
        lock (_gate)
        {
            _webhooks.Add(webhook);
        }
    }

    public SimulatedCall Snapshot()
    {
        lock (_gate)
        {
            var duration = _answered is { } answered && _end is { } end
                ? (int)Math.Ceiling((end - answered).TotalSeconds)
                : (int?)null;
            return new SimulatedCall(Sid, Created, _updated, Request.To, Request.From, _status, _start, _end, duration,
                Outcome, Request.Url, Request.Method, Request.StatusCallback, Request.StatusCallbackMethod,
                Request.StatusCallbackEvents, Request.Timeout, _errorCode, [.. _documents], [.. _transcript],
                [.. _webhooks], _gathering);
        }
    }
}
