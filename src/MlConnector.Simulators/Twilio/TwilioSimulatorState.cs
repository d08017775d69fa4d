using System.Security.Cryptography;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Everything the simulator remembers: messages in arrival order, every create request, the opt-out list, faults and
/// the rate window. One instance per simulator (a DI singleton); all methods are thread-safe.
/// </summary>
public sealed class TwilioSimulatorState
{
    private readonly List<SimulatedMessage> _messages = [];
    private readonly List<CreateRequestRecord> _requests = [];
    private readonly List<CallbackRecord> _callbacks = [];
    private readonly HashSet<string> _optedOut = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TwilioSimulatorState(TwilioSimulatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Faults = new TwilioFaults(time);
        Limiter = new OneSecondWindowLimiter(time, options.MessagesPerSecond);
    }

    public TwilioSimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public TwilioFaults Faults { get; }

    internal OneSecondWindowLimiter Limiter { get; }

    /// <summary>Accepted outbound messages and injected inbound ones, in arrival order, with their current status.</summary>
    public IReadOnlyList<SimulatedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Every Messages-create request in arrival order, including rejected, rate-limited and faulted ones.</summary>
    public IReadOnlyList<CreateRequestRecord> CreateRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every status callback POST made, in the order they were sent.</summary>
    public IReadOnlyList<CallbackRecord> Callbacks
    {
        get
        {
            lock (_gate)
            {
                return [.. _callbacks];
            }
        }
    }

    /// <summary>Sets the per-second cap on accepted creates (0 or less: unlimited).</summary>
    public void SetMessagesPerSecond(int perSecond) => Limiter.PerSecond = perSecond;

    public void OptOut(string phone)
    {
        lock (_gate)
        {
            _optedOut.Add(phone);
        }
    }

    public void OptIn(string phone)
    {
        lock (_gate)
        {
            _optedOut.Remove(phone);
        }
    }

    public bool IsOptedOut(string phone)
    {
        lock (_gate)
        {
            return _optedOut.Contains(phone);
        }
    }

    public SimulatedMessage? Find(string sid)
    {
        lock (_gate)
        {
            return _messages.Find(m => m.Sid == sid);
        }
    }

    internal static string NewSid(string prefix) => prefix + RandomNumberGenerator.GetHexString(32, lowercase: true);

    internal void Add(SimulatedMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
        }
    }

    internal void Record(CreateRequestRecord request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    internal void Record(CallbackRecord callback)
    {
        lock (_gate)
        {
            _callbacks.Add(callback);
        }
    }

    /// <summary>Applies a status change and returns the updated message (null when the SID is unknown).</summary>
    internal SimulatedMessage? Update(string sid, Func<SimulatedMessage, SimulatedMessage> change)
    {
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.Sid == sid);
            if (index < 0)
            {
                return null;
            }

            _messages[index] = change(_messages[index]);
            return _messages[index];
        }
    }
}
