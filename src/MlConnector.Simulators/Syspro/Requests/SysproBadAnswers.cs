namespace MlConnector.Simulators.Syspro.Requests;

/// <summary>
/// Bad answers served instead of the real one, as a proxy or a sick service might (issue 12, seen 1 and 8): for
/// the requests of one transport and target, for a number of requests or until lifted. The body comes from the
/// caller (the tests keep fixed answer files); the simulator substitutes only <see cref="ServiceRootPlaceholder"/>.
/// Several may be active; the oldest matching one answers.
/// </summary>
public sealed class SysproBadAnswers
{
    /// <summary>Replaced by the OData service root, e.g. <c>http://127.0.0.1:5082/odata/</c>, in OData bodies.</summary>
    public const string ServiceRootPlaceholder = "{{ServiceRoot}}";

    private readonly Lock _lock = new();
    private readonly List<Entry> _active = [];
    private int _nextId;

    public BadAnswerState Serve(BadAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Transport is not (SysproRequestCounter.OData or SysproRequestCounter.Enet))
        {
            throw new InvalidOperationException($"Transport must be '{SysproRequestCounter.OData}' or '{SysproRequestCounter.Enet}', not '{answer.Transport}'.");
        }

        if (answer.Requests is <= 0)
        {
            throw new InvalidOperationException("Requests must be at least 1, or left out to serve until lifted.");
        }

        lock (_lock)
        {
            var entry = new Entry(++_nextId, answer);
            _active.Add(entry);
            return entry.State();
        }
    }

    public IReadOnlyList<BadAnswerState> State()
    {
        lock (_lock)
        {
            return [.. _active.Select(e => e.State())];
        }
    }

    /// <summary>Lifts one bad answer (by id) or all of them; returns how many were lifted.</summary>
    public int Lift(int? id = null)
    {
        lock (_lock)
        {
            return _active.RemoveAll(e => id is null || e.Id == id);
        }
    }

    /// <summary>The bad answer for this request, if one is active; counts it as served.</summary>
    internal BadAnswer? Take(string transport, params string?[] targets)
    {
        lock (_lock)
        {
            var entry = _active.Find(e => e.Answer.Transport == transport
                && targets.Any(t => t is not null && t.Equals(e.Answer.Target, StringComparison.OrdinalIgnoreCase)));
            if (entry is null)
            {
                return null;
            }

            entry.Served++;
            if (entry.Answer.Requests is { } requests && entry.Served >= requests)
            {
                _active.Remove(entry);
            }

            return entry.Answer;
        }
    }

    private sealed class Entry(int id, BadAnswer answer)
    {
        public int Id { get; } = id;

        public BadAnswer Answer { get; } = answer;

        public int Served { get; set; }

        public BadAnswerState State() => new(Id, Answer.Transport, Answer.Target, Answer.Mode, Answer.Status,
            Answer.Requests is { } r ? r - Served : null, Served);
    }
}

/// <summary>
/// POST /_sim/syspro/bad-answers. <see cref="Transport"/> is <c>odata</c> or <c>enet</c>; <see cref="Target"/> an
/// entity set (OData), or a table or business object (e.net: <c>ReqDetail</c> matches COMFND on it, <c>PORQRY</c>
/// every PORQRY). <see cref="Requests"/> null serves until lifted. <see cref="ContentType"/> defaults to what the
/// transport sends: OData's JSON, e.net's <c>application/octet-stream</c> (as Windows-1252 bytes).
/// </summary>
public sealed record BadAnswer(
    string Transport, string Target, string Body, string? Mode = null, string? ContentType = null, int Status = 200,
    int? Requests = null);

public sealed record BadAnswerState(int Id, string Transport, string Target, string? Mode, int Status, int? Remaining, int Served);
