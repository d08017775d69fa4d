namespace MlConnector.Syspro;

/// <summary>
/// One record as read from SYSPRO, the same whichever transport read it: column name to text, with dates as
/// yyyy-MM-dd, numbers in invariant notation, empty and 0000-00-00 dates as null, and text verbatim: a key keeps its
/// leading spaces and zeros (SYSPRO keys are fixed-width strings, and SYSPRO finds a record only by its padded key).
/// </summary>
public sealed class SourceRow(IReadOnlyDictionary<string, string?> values)
{
    // Column names are matched without regard to case (SYSPRO and its feeds are not consistent about it).
    public IReadOnlyDictionary<string, string?> Values { get; } =
        values is Dictionary<string, string?> d && d.Comparer == StringComparer.OrdinalIgnoreCase
            ? d
            : new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);

    /// <summary>The value as SYSPRO holds it (padding kept), or null.</summary>
    public string? Raw(string column) => Values.TryGetValue(column, out var v) ? v : null;

    /// <summary>The value without padding, as people read it.</summary>
    public string? this[string column] => Raw(column)?.Trim();

    /// <summary>The record key: the key values exactly as SYSPRO gave them, joined with '|'; compared ordinally.</summary>
    public string KeyOf(IReadOnlyList<string> keyColumns) =>
        keyColumns.Count == 1 ? Raw(keyColumns[0]) ?? "" : string.Join('|', keyColumns.Select(k => Raw(k) ?? ""));

    /// <summary>The trimmed values, for templates and recipient routing.</summary>
    public Dictionary<string, string?> TrimmedValues() =>
        Values.ToDictionary(kv => kv.Key, kv => kv.Value?.Trim(), StringComparer.OrdinalIgnoreCase);
}
