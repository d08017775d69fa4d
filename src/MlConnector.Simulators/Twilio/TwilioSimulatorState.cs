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
    internal const string AnySender = "*";
    private readonly HashSet<(string Sender, string Phone)> _optedOut = [];
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

    /// <summary>Opts <paramref name="phone"/> out of every sender of the account (21610 on any create to it).</summary>
    public void OptOut(string phone) => OptOut(phone, AnySender);

    /// <summary>
    /// Opts <paramref name="phone"/> out of one sender (a number or a Messaging Service), as a STOP texted to it does on
    /// Twilio: creates through that sender get 21610, other senders still reach the phone.
    /// </summary>
    public void OptOut(string phone, string sender)
    {
        lock (_gate)
        {
            _optedOut.Add((sender, phone));
        }
    }

    /// <summary>Opts <paramref name="phone"/> back in to every sender.</summary>
    public void OptIn(string phone)
    {
        lock (_gate)
        {
            _optedOut.RemoveWhere(o => o.Phone == phone);
        }
    }

    /// <summary>Opts <paramref name="phone"/> back in to one sender (a START texted to it).</summary>
    public void OptIn(string phone, string sender)
    {
        lock (_gate)
        {
            _optedOut.Remove((sender, phone));
        }
    }

    /// <summary>Whether <paramref name="phone"/> opted out of every sender, or of one of <paramref name="senders"/>.</summary>
    public bool IsOptedOut(string phone, params IEnumerable<string?> senders)
    {
        lock (_gate)
        {
            return _optedOut.Contains((AnySender, phone))
                || senders.Any(s => s is not null && _optedOut.Contains((s, phone)));
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
