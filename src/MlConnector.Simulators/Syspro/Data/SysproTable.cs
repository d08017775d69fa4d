namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// One in-memory table of immutable rows. Readers get a consistent snapshot (an array rebuilt only after a change);
/// writers replace whole rows, so a reader never sees half a change.
/// </summary>
public sealed class SysproTable<T> : ISysproTable
    where T : class
{
    private readonly Lock _lock = new();
    private readonly List<T> _rows = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Func<T, string> _key;
    private T[]? _snapshot;

    internal SysproTable(string name, Func<T, string> key)
    {
        Name = name;
        _key = key;
    }

    /// <summary>The SYSPRO table name, also the OData entity set and the COMFND <c>TableName</c>.</summary>
    public string Name { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>The rows as they are now, in insertion order (key order for seeded rows).</summary>
    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
        {
            return _snapshot ??= [.. _rows];
        }
    }

    public Type RowType => typeof(T);

    object? ISysproTable.FindRow(string key) => Find(key);

    void ISysproTable.UpsertRow(object row) => Upsert((T)row);

    public string KeyOf(object row) => _key((T)row);

    public T? Find(string key)
    {
        lock (_lock)
        {
            return _index.TryGetValue(key, out var at) ? _rows[at] : null;
        }
    }

    internal void Upsert(T row)
    {
        var key = _key(row);
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var at))
            {
                _rows[at] = row;
            }
            else
            {
                _index[key] = _rows.Count;
                _rows.Add(row);
            }

            _snapshot = null;
        }
    }
}

/// <summary>A table without its row type, for the control API's generic row changes.</summary>
public interface ISysproTable
{
    string Name { get; }

    Type RowType { get; }

    int Count { get; }

    /// <summary>The row with this key (parts joined by <see cref="SysproKeys.Composite"/>), or null.</summary>
    object? FindRow(string key);

    string KeyOf(object row);

    internal void UpsertRow(object row);
}
