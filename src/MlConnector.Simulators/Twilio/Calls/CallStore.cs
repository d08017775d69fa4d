using System.Collections.Concurrent;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>
/// Every call the simulator accepted, in arrival order, and the outcome per called number (seeded from
/// <see cref="CallSimulatorOptions.Outcomes"/>, changeable while running). Thread-safe.
/// </summary>
public sealed class CallStore(TwilioSimulatorOptions options)
{
    private readonly List<LiveCall> _calls = [];
    private readonly ConcurrentDictionary<string, CallOutcome> _outcomes =
        new(options?.Calls.Outcomes ?? throw new ArgumentNullException(nameof(options)), StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How calls to <paramref name="phone"/> placed from now on end.</summary>
    public void SetOutcome(string phone, CallOutcome outcome) => _outcomes[phone] = outcome;

    public CallOutcome OutcomeFor(string phone) => _outcomes.TryGetValue(phone, out var outcome) ? outcome : CallOutcome.Answer;

    public IReadOnlyList<SimulatedCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls.Select(c => c.Snapshot())];
            }
        }
    }

    public SimulatedCall? Find(string sid) => Live(sid)?.Snapshot();

    internal LiveCall? Live(string sid)
    {
        lock (_gate)
        {
            return _calls.Find(c => c.Sid == sid);
        }
    }

    internal void Add(LiveCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }
}
