using System.Text.RegularExpressions;

namespace MlConnector.IntegrationTests.Storage;

/// <summary>
/// One dialect's schema as a set of comparable lines ("column alerts.state text not null"), written in the same words
/// for SQLite and PostgreSQL, so that two schemas compare as two sets. Each reader (<see cref="SqliteCatalogue"/>,
/// <see cref="PostgresCatalogue"/>) normalises what its engine says before it adds a fact.
/// </summary>
internal sealed partial class SchemaFacts
{
    // Each line, with the table it is about.
    private readonly SortedDictionary<string, string> _lines = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Lines => _lines.Keys;

    /// <summary>The tables (as the engine names them).</summary>
    public IEnumerable<string> Tables => _lines.Values.Distinct();

    /// <summary>The facts about every table but <paramref name="tables"/>.</summary>
    public IEnumerable<string> LinesWithout(IEnumerable<string> tables) =>
        _lines.Where(kv => !tables.Contains(kv.Value, StringComparer.Ordinal)).Select(kv => kv.Key);

    public void Table(string table) => Add(table, $"table {table}");

    /// <param name="typeClass">integer, text, blob, real or numeric (see the readers).</param>
    /// <param name="identity">Whether the database numbers the rows itself (SQLite AUTOINCREMENT, PostgreSQL GENERATED
    /// AS IDENTITY): the two dialects' spelling of the same thing.</param>
    public void Column(string table, string column, string typeClass, bool nullable, string? defaultValue, bool identity) =>
        Add(table, $"column {table}.{column} {typeClass} {(nullable ? "null" : "not null")}"
            + (defaultValue is null ? "" : $" default {Expression(defaultValue)}")
            + (identity ? " identity" : ""));

    public void PrimaryKey(string table, IEnumerable<string> columns) =>
        Add(table, $"primary key {table} ({string.Join(", ", columns)})");

    /// <param name="name">The index's name, or null for one a UNIQUE constraint made (each engine names those itself).</param>
    public void Index(string table, string? name, IEnumerable<string> columns, bool unique, string? predicate) =>
        Add(table, $"{(unique ? "unique index" : "index")} {table} {name ?? "(constraint)"} ({string.Join(", ", columns)})"
            + (predicate is null ? "" : $" where {Expression(predicate)}"));

    public void ForeignKey(string table, IEnumerable<string> columns, string referenced, IEnumerable<string> referencedColumns,
        string onDelete) =>
        Add(table, $"foreign key {table} ({string.Join(", ", columns)}) references {referenced} "
            + $"({string.Join(", ", referencedColumns)}) on delete {onDelete.ToLowerInvariant()}");

    /// <summary>A trigger by table, timing, event and purpose: the error it raises (or that it raises none).</summary>
    public void Trigger(string table, string timing, string @event, string? raises) =>
        Add(table, $"trigger {table} {timing.ToLowerInvariant()} {@event.ToLowerInvariant()} "
            + (raises is null ? "raises nothing" : $"raises '{raises}'"));

    private void Add(string table, string line) => _lines[line] = table;

    /// <summary>The class of a declared type by SQLite's affinity rules (section 3.1 of its datatype page); PostgreSQL's
    /// types are mapped onto the same classes by their reader.</summary>
    public static string SqliteTypeClass(string declared)
    {
        var type = declared.ToUpperInvariant();
        return type.Contains("INT", StringComparison.Ordinal) ? "integer"
            : type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal)
                || type.Contains("TEXT", StringComparison.Ordinal) ? "text"
            : type.Length == 0 || type.Contains("BLOB", StringComparison.Ordinal) ? "blob"
            : type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal)
                || type.Contains("DOUB", StringComparison.Ordinal) ? "real"
            : "numeric";
    }

    /// <summary>The events of a trigger definition ("BEFORE UPDATE OR DELETE ON ..."): its timing and each event.</summary>
    public static (string Timing, IReadOnlyList<string> Events) TimingAndEvents(string definition)
    {
        var match = TriggerHead().Match(definition);
        if (!match.Success)
        {
            throw new InvalidOperationException($"not a trigger definition this test can read: {definition}");
        }

        return (Spaces().Replace(match.Groups["timing"].Value, " "), OrBetweenEvents().Split(match.Groups["events"].Value));
    }

    /// <summary>A default or predicate without the parentheses, casts and case an engine adds when it prints one back.</summary>
    private static string Expression(string expression) =>
        Spaces().Replace(Casts().Replace(expression, "").Replace("(", "", StringComparison.Ordinal)
            .Replace(")", "", StringComparison.Ordinal), " ").Trim().ToLowerInvariant();

    [GeneratedRegex(@"\b(?<timing>BEFORE|AFTER|INSTEAD OF)\s+(?<events>(?:INSERT|UPDATE|DELETE|TRUNCATE)(?:\s+OR\s+(?:INSERT|UPDATE|DELETE|TRUNCATE))*)",
        RegexOptions.IgnoreCase)]
    private static partial Regex TriggerHead();

    [GeneratedRegex(@"\s+OR\s+", RegexOptions.IgnoreCase)]
    private static partial Regex OrBetweenEvents();

    [GeneratedRegex(@"::[a-z ]+")]
    private static partial Regex Casts();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
