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
    private readonly Dictionary<string, SortedKeyIndex<T>> _sorted = new(StringComparer.Ordinal);
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

    /// <summary>
    /// The rows in key order by <paramref name="order"/>, from an index named <paramref name="name"/> that is built
    /// on first use and kept up to date after. Every caller of one name must pass the same order.
    /// </summary>
    internal SortedRows<T> Sorted(string name, IComparer<T> order)
    {
        lock (_lock)
        {
            if (!_sorted.TryGetValue(name, out var index))
            {
                index = new SortedKeyIndex<T>(order);
                index.Build(_rows);
                _sorted[name] = index;
            }

            return new SortedRows<T>(_snapshot ??= [.. _rows], index.Slots);
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
                foreach (var sorted in _sorted.Values)
                {
                    sorted.Insert(_rows, _rows.Count - 1);
                }
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
