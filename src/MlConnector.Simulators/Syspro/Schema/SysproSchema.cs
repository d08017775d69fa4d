namespace MlConnector.Simulators.Syspro.Schema;

/// <summary>
/// The tables and columns a profile exposes, and the columns whose type <c>$metadata</c> leaves out. Both
/// transports ask it, so OData and e.net agree on what exists.
/// </summary>
public sealed class SysproSchema
{
    private static readonly Dictionary<string, string[]> MinimalHiddenColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PorMasterHdr"] = ["Warehouse", "SupplierClass"],
        ["ReqDetail"] = ["StockCode", "StockDescription"],
    };

    private static readonly string[] MinimalHiddenTables = ["InvBuyer"];

    private readonly HashSet<string> _untyped;
    private readonly HashSet<string> _hidden;
    private readonly HashSet<string> _unfilterable;

    public SysproSchema(SysproSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Profile = options.Schema;
        _untyped = new HashSet<string>(options.UntypedColumns.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        _hidden = new HashSet<string>(options.HiddenColumns.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        _unfilterable = new HashSet<string>(options.UnfilterableColumns.Select(Normalize), StringComparer.OrdinalIgnoreCase);
    }

    public SysproSchemaProfile Profile { get; }

    /// <summary>Columns (<c>Table.Column</c>) whose <c>$metadata</c> entry is left out (issue 14).</summary>
    public IReadOnlyCollection<string> UntypedColumns => _untyped;

    public bool HasTable(string table) =>
        Profile == SysproSchemaProfile.Full || !MinimalHiddenTables.Contains(table, StringComparer.OrdinalIgnoreCase);

    public bool HasColumn(string table, string column) =>
        HasTable(table)
        && !_hidden.Contains($"{table}.{column}")
        && (Profile == SysproSchemaProfile.Full
            || !MinimalHiddenColumns.TryGetValue(table, out var hidden)
            || !hidden.Contains(column, StringComparer.OrdinalIgnoreCase));

    public IEnumerable<string> HiddenColumns(string table) =>
        (Profile == SysproSchemaProfile.Full ? [] : MinimalHiddenColumns.GetValueOrDefault(table) ?? [])
            .Concat(_hidden.Where(c => c.StartsWith(table + ".", StringComparison.OrdinalIgnoreCase)).Select(c => c[(table.Length + 1)..]))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the site refuses to filter or order by the column (<see cref="SysproSimulatorOptions.UnfilterableColumns"/>).</summary>
    public bool IsUnfilterable(string table, string column) => _unfilterable.Contains($"{table}.{column}");

    /// <summary>The columns of a table the site refuses to filter or order by.</summary>
    public IEnumerable<string> UnfilterableColumns(string table) =>
        _unfilterable.Where(c => c.StartsWith(table + ".", StringComparison.OrdinalIgnoreCase)).Select(c => c[(table.Length + 1)..]);

    public bool IsUntyped(string table, string column) => _untyped.Contains($"{table}.{column}");

    private static string Normalize(string column)
    {
        var parts = column.Split('.', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts.All(p => p.Length > 0)
            ? $"{parts[0]}.{parts[1]}"
            : throw new ArgumentException($"Column '{column}' is not of the form Table.Column.", nameof(column));
    }
}
