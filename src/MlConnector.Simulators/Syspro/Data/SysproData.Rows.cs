namespace MlConnector.Simulators.Syspro.Data;

/// <summary>Generic row changes by table name and key, for the control API, paging hooks and late commits.</summary>
public sealed partial class SysproData
{
    private Dictionary<string, ISysproTable>? _tables;

    /// <summary>Every typed table by its SYSPRO name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, ISysproTable> Tables => _tables ??= new ISysproTable[]
    {
        PorMasterHdr, PorMasterDetail, ApSupplier, ApInvoice, GenTransaction, ReqDetail, InvBuyer,
        ApPayRunHdr, ApPayRunDet, ApInvoicePay, GenJournalCtl, GenJournalDetail,
    }.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

    public ISysproTable Table(string name) =>
        Tables.GetValueOrDefault(name.Trim()) ?? throw new KeyNotFoundException($"There is no table {name}.");

    /// <summary>
    /// Sets columns of one row, given as text, and stamps it with the next rowversion, as an SQL UPDATE would.
    /// The key is the row's key columns in order, verbatim (padding included).
    /// </summary>
    public object UpdateRow(string table, IReadOnlyList<string> key, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(values);
        var target = Table(table);
        lock (_changeLock)
        {
            var row = FindRow(target, key);
            var changed = Stamp(SysproRowEditor.With(row, values), NextRowVersion());
            target.UpsertRow(changed);
            return changed;
        }
    }

    internal static object FindRow(ISysproTable table, IReadOnlyList<string> key) =>
        table.FindRow(SysproKeys.Composite([.. key])) ?? throw new KeyNotFoundException(
            $"{table.Name} has no row with key {string.Join(", ", key.Select(k => $"'{k}'"))}.");

    /// <summary>The row with its <c>TimeStamp</c> set, for tables that have one.</summary>
    internal static object Stamp(object row, long rowVersion) =>
        row.GetType().GetProperty("TimeStamp") is { } stamp
            ? SysproRowEditor.With(row, new Dictionary<string, string?> { [stamp.Name] = rowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            : row;
}
