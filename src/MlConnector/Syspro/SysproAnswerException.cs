namespace MlConnector.Syspro;

/// <summary>
/// SYSPRO answered, but not with an answer that can be believed: not the expected XML or JSON, a row without its key,
/// a value that does not fit its column. Names what was asked (<paramref name="what"/>: a table, or a business
/// object such as PORQRY), the record when it is known, and the column when one is at fault. Nothing read with such
/// an answer may change any state.
/// </summary>
public sealed class SysproAnswerException(string what, string? record, string? column, string problem, Exception? inner = null)
    : SysproException(Describe(what, record, column, problem), inner: inner)
{
    public string What { get; } = what;

    public string? Record { get; } = record;

    public string? Column { get; } = column;

    /// <summary>A wrong answer may be right the next time.</summary>
    public override bool IsLasting => false;

    private static string Describe(string what, string? record, string? column, string problem) =>
        $"SYSPRO's answer for {what} was not believed" +
        (record is null ? "" : $": record {Show(record)}") +
        (column is null ? "" : $"{(record is null ? ":" : ",")} column {column}") +
        $": {problem}";

    // A key is shown as SYSPRO gave it, quoted when it has leading or trailing blanks, so padding is visible.
    private static string Show(string record) =>
        record.Length > 0 && (char.IsWhiteSpace(record[0]) || char.IsWhiteSpace(record[^1])) ? $"'{record}'" : record;
}
