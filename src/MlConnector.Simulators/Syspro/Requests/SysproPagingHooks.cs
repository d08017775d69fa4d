using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Requests;

/// <summary>
/// Changes a row between the page requests of one read, so rows leave or join the working set while a client
/// pages (issue 12, seen 4: <c>$skip</c> paging then skips a row). A hook counts the requests for its table,
/// OData and COMFND alike, from the moment it is added; once <see cref="PagingHook.AfterRequests"/> of them were
/// served, the next request for the table first applies the change, then is answered.
/// </summary>
public sealed class SysproPagingHooks(SysproData data)
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _hooks = [];
    private int _nextId;

    public PagingHookState Add(PagingHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentOutOfRangeException.ThrowIfNegative(hook.AfterRequests);
        var table = data.Table(hook.Table).Name;
        _ = SysproData.FindRow(data.Table(table), hook.Key); // a hook for a row that does not exist is a mistake now
        lock (_lock)
        {
            var entry = new Entry(++_nextId, hook with { Table = table });
            _hooks.Add(entry);
            return entry.State();
        }
    }

    public IReadOnlyList<PagingHookState> State()
    {
        lock (_lock)
        {
            return [.. _hooks.Select(h => h.State())];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _hooks.Clear();
        }
    }

    /// <summary>Called before a request for <paramref name="table"/> is answered.</summary>
    internal void OnRequest(string table)
    {
        lock (_lock)
        {
            foreach (var hook in _hooks.Where(h => h.Applied is null && h.Hook.Table.Equals(table, StringComparison.OrdinalIgnoreCase)))
            {
                if (hook.Seen == hook.Hook.AfterRequests)
                {
                    hook.Applied = data.UpdateRow(hook.Hook.Table, hook.Hook.Key, hook.Hook.Set);
                }
                else
                {
                    hook.Seen++;
                }
            }
        }
    }

    private sealed class Entry(int id, PagingHook hook)
    {
        public int Id { get; } = id;

        public PagingHook Hook { get; } = hook;

        public int Seen { get; set; }

        public object? Applied { get; set; }

        public PagingHookState State() => new(Id, Hook, Seen, Applied is not null);
    }
}

/// <summary>
/// "After <see cref="AfterRequests"/> requests for <see cref="Table"/>, set these columns of the row with this key"
/// (POST /_sim/syspro/paging-hooks). The key is the row's key columns in order, verbatim.
/// </summary>
public sealed record PagingHook(string Table, int AfterRequests, IReadOnlyList<string> Key, IReadOnlyDictionary<string, string?> Set);

public sealed record PagingHookState(int Id, PagingHook Hook, int RequestsSeen, bool Applied);
