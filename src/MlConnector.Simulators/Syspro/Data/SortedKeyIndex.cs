namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// The slots of a table's rows in key order, kept across changes: an update keeps its slot (keys never change),
/// an insert is placed by binary search. So a keyset page (key beyond the last one, in key order, N rows) costs a
/// binary search and N rows instead of a scan and a sort of the whole table (issue 15: 1,000,000 orders).
/// </summary>
internal sealed class SortedKeyIndex<T>(IComparer<T> order)
    where T : class
{
    private int[] _slots = [];

    /// <summary>Slots in key order; replaced, never changed in place, so a reader's copy stays consistent.</summary>
    public int[] Slots => _slots;

    public void Build(List<T> rows)
    {
        var slots = Enumerable.Range(0, rows.Count).ToArray();
        Array.Sort(slots, (a, b) => order.Compare(rows[a], rows[b]) is var c && c != 0 ? c : a.CompareTo(b));
        _slots = slots;
    }

    /// <summary>Places a newly added row (the last slot of <paramref name="rows"/>) after every row not above it.</summary>
    public void Insert(List<T> rows, int slot)
    {
        var row = rows[slot];
        int low = 0, high = _slots.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (order.Compare(rows[_slots[mid]], row) <= 0) low = mid + 1;
            else high = mid;
        }

        var slots = new int[_slots.Length + 1];
        Array.Copy(_slots, slots, low);
        slots[low] = slot;
        Array.Copy(_slots, low, slots, low + 1, _slots.Length - low);
        _slots = slots;
    }
}

/// <summary>Rows in key order, with a binary search along that order.</summary>
public interface ISortedRows<out T> : IReadOnlyList<T>
{
    /// <summary>The first position whose row satisfies <paramref name="atOrAfter"/>, which must be false then true along the order.</summary>
    int First(Func<T, bool> atOrAfter);

    /// <summary>The rows from <paramref name="start"/> on, lazily.</summary>
    IEnumerable<T> From(int start);
}

/// <summary>A consistent view of a table's rows in key order: a snapshot of the rows and of the sorted slots.</summary>
public sealed class SortedRows<T>(IReadOnlyList<T> rows, int[] slots) : ISortedRows<T>
{
    public int Count => slots.Length;

    public T this[int index] => rows[slots[index]];

    public int First(Func<T, bool> atOrAfter)
    {
        ArgumentNullException.ThrowIfNull(atOrAfter);
        int low = 0, high = slots.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (atOrAfter(rows[slots[mid]])) high = mid;
            else low = mid + 1;
        }

        return low;
    }

    public IEnumerable<T> From(int start)
    {
        for (var i = start; i < slots.Length; i++)
        {
            yield return rows[slots[i]];
        }
    }

    public IEnumerator<T> GetEnumerator() => From(0).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
