namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Faults for Messages-create requests: a queue consumed one per request, and an outage window ("down until T" on the
/// simulator's clock) that answers every create with its fault while it lasts. The outage wins over the queue.
/// </summary>
public sealed class TwilioFaults(TimeProvider time)
{
    private readonly Queue<TwilioFault> _queue = new();
    private readonly Lock _gate = new();
    private (TwilioFault Fault, DateTimeOffset Until)? _outage;

    /// <summary>The next <paramref name="count"/> creates get <paramref name="fault"/>.</summary>
    public void Enqueue(TwilioFault fault, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _queue.Enqueue(fault);
            }
        }
    }

    /// <summary>Every create gets <paramref name="fault"/> until the clock reaches <paramref name="until"/>.</summary>
    public void DownUntil(DateTimeOffset until, TwilioFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _outage = (fault, until);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _outage = null;
        }
    }

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>The fault for the create being handled now, if any.</summary>
    internal TwilioFault? Next()
    {
        lock (_gate)
        {
            if (_outage is { } outage && time.GetUtcNow() < outage.Until)
            {
                return outage.Fault;
            }

            return _queue.TryDequeue(out var fault) ? fault : null;
        }
    }
}
