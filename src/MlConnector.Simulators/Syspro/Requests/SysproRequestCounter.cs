namespace MlConnector.Simulators.Syspro.Requests;

/// <summary>
/// Counts the requests each transport served since the last reset, and the rows they returned, per entity set or
/// business object (e.g. <c>PorMasterHdr</c>, <c>COMFND PorMasterHdr</c>, <c>PORQRY</c>, <c>Logon</c>), so a test
/// can assert that an idle poll is one request returning no rows.
/// </summary>
public sealed class SysproRequestCounter(TimeProvider time)
{
    public const string OData = "odata";
    public const string Enet = "enet";

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Transport, string Target), (int Requests, int Rows)> _counts = [];
    private DateTimeOffset _since = time.GetUtcNow();

    public void Reset()
    {
        lock (_lock)
        {
            _counts.Clear();
            _since = time.GetUtcNow();
        }
    }

    public SysproRequestCounts Snapshot()
    {
        lock (_lock)
        {
            return new SysproRequestCounts(_since, Transport(OData), Transport(Enet));
        }
    }

    internal void Request(string transport, string target) => Add(transport, target, 1, 0);

    internal void Rows(string transport, string target, int rows) => Add(transport, target, 0, rows);

    private void Add(string transport, string target, int requests, int rows)
    {
        lock (_lock)
        {
            var now = _counts.GetValueOrDefault((transport, target));
            _counts[(transport, target)] = (now.Requests + requests, now.Rows + rows);
        }
    }

    private TransportCounts Transport(string transport)
    {
        var targets = _counts.Where(c => c.Key.Transport == transport)
            .ToDictionary(c => c.Key.Target, c => new TargetCounts(c.Value.Requests, c.Value.Rows), StringComparer.Ordinal);
        return new TransportCounts(targets.Values.Sum(t => t.Requests), targets.Values.Sum(t => t.Rows), targets);
    }
}

/// <summary>GET /_sim/syspro/requests: what each transport served since <see cref="Since"/>.</summary>
public sealed record SysproRequestCounts(DateTimeOffset Since, TransportCounts OData, TransportCounts Enet);

public sealed record TransportCounts(int Requests, int Rows, IReadOnlyDictionary<string, TargetCounts> ByTarget)
{
    public TargetCounts Of(string target) => ByTarget.GetValueOrDefault(target) ?? new TargetCounts(0, 0);
}

public sealed record TargetCounts(int Requests, int Rows);
