namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Faults per resource (<see cref="TwilioFaultTarget"/>): a queue consumed one per request, and an outage window ("down
/// until T" on the simulator's clock) that answers every request with its fault while it lasts. The outage wins over
/// the queue. Without a target the faults hit Messages-create requests.
/// </summary>
public sealed class TwilioFaults(TimeProvider time)
{
    private readonly Dictionary<TwilioFaultTarget, Queue<TwilioFault>> _queues = [];
    private readonly Dictionary<TwilioFaultTarget, (TwilioFault Fault, DateTimeOffset Until)> _outages = [];
    private readonly Lock _gate = new();

    /// <summary>The next <paramref name="count"/> requests to <paramref name="target"/> get <paramref name="fault"/>.</summary>
    public void Enqueue(TwilioFault fault, int count = 1, TwilioFaultTarget target = TwilioFaultTarget.Messages)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            if (!_queues.TryGetValue(target, out var queue))
            {
                _queues[target] = queue = new Queue<TwilioFault>();
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }

    /// <summary>Every request to <paramref name="target"/> gets <paramref name="fault"/> until the clock reaches <paramref name="until"/>.</summary>
    public void DownUntil(DateTimeOffset until, TwilioFault fault, TwilioFaultTarget target = TwilioFaultTarget.Messages)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _outages[target] = (fault, until);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queues.Clear();
            _outages.Clear();
        }
    }

    /// <summary>Queued faults for Messages-create requests.</summary>
    public int Pending => PendingFor(TwilioFaultTarget.Messages);

    public int PendingFor(TwilioFaultTarget target)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(target, out var queue) ? queue.Count : 0;
        }
    }

    /// <summary>The fault for the request to <paramref name="target"/> being handled now, if any.</summary>
    internal TwilioFault? Next(TwilioFaultTarget target = TwilioFaultTarget.Messages)
    {
        lock (_gate)
        {
            if (_outages.TryGetValue(target, out var outage) && time.GetUtcNow() < outage.Until)
            {
                return outage.Fault;
            }

            return _queues.TryGetValue(target, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
        }
    }
}
