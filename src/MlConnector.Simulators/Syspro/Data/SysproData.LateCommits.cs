namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// Changes committed late, as by a long SQL transaction: the rowversion is taken when the change is made
/// (<see cref="BeginChange"/>), but readers see the row only once it commits, by which time newer rowversions may
/// have been read. A rowversion watermark that passed it must not lose the change (issue 14). The simulator takes
/// no locks: a change made to the same row meanwhile is overwritten at commit.
/// </summary>
public sealed partial class SysproData
{
    private readonly Dictionary<int, PendingChange> _pending = [];
    private int _nextTransaction;

    /// <summary>Reserves the next rowversion for a change to one row; nothing is visible until <see cref="Commit"/>.</summary>
    public PendingChange BeginChange(string table, IReadOnlyList<string> key, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(values);
        var target = Table(table);
        lock (_changeLock)
        {
            _ = SysproRowEditor.With(FindRow(target, key), values); // a bad column or value fails now, not at commit
            var pending = new PendingChange(++_nextTransaction, target.Name, [.. key], values, NextRowVersion());
            _pending[pending.Id] = pending;
            return pending;
        }
    }

    public IReadOnlyList<PendingChange> PendingChanges()
    {
        lock (_changeLock)
        {
            return [.. _pending.Values.OrderBy(p => p.Id)];
        }
    }

    /// <summary>Makes the change visible, stamped with the rowversion reserved when it began.</summary>
    public object Commit(int id)
    {
        lock (_changeLock)
        {
            var pending = TakePending(id);
            var table = Table(pending.Table);
            var row = Stamp(SysproRowEditor.With(FindRow(table, pending.Key), pending.Set), pending.RowVersion);
            table.UpsertRow(row);
            return row;
        }
    }

    /// <summary>Drops the change; its rowversion stays used, as SQL Server's does.</summary>
    public PendingChange Rollback(int id)
    {
        lock (_changeLock)
        {
            return TakePending(id);
        }
    }

    private PendingChange TakePending(int id) =>
        _pending.Remove(id, out var pending) ? pending : throw new KeyNotFoundException($"No change {id} is pending.");
}

/// <summary>A change made but not yet committed, and the rowversion it will carry.</summary>
public sealed record PendingChange(
    int Id, string Table, IReadOnlyList<string> Key, IReadOnlyDictionary<string, string?> Set, long RowVersion);
