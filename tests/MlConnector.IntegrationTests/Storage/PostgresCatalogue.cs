using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace MlConnector.IntegrationTests.Storage;

/// <summary>Reads a PostgreSQL database's schema (its current schema only) from information_schema.columns, pg_index,
/// pg_constraint and pg_trigger, in the words of <see cref="SchemaFacts"/>.</summary>
internal static partial class PostgresCatalogue
{
    // pg_constraint.confdeltype, in the words SQLite's foreign_key_list uses.
    private static readonly Dictionary<char, string> DeleteActions = new()
    {
        ['a'] = "NO ACTION", ['r'] = "RESTRICT", ['c'] = "CASCADE", ['n'] = "SET NULL", ['d'] = "SET DEFAULT",
    };

    public static async Task<SchemaFacts> ReadAsync(DbConnection connection)
    {
        var facts = new SchemaFacts();
        foreach (var table in await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"))
        {
            facts.Table(table);
        }

        var columns = await connection.QueryAsync<(string Table, string Name, string Type, string Nullable, string? Default, string Identity)>(
            """
            SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
            FROM information_schema.columns WHERE table_schema = current_schema()
            """);
        foreach (var column in columns)
        {
            facts.Column(column.Table, column.Name, TypeClass(column.Type), column.Nullable == "YES", column.Default,
                identity: column.Identity == "YES");
        }

        await ReadIndexesAsync(connection, facts);
        var keys = await connection.QueryAsync<(string Table, string Columns, string Referenced, string ReferencedColumns, char OnDelete)>(
            $"""
            SELECT t.relname, {ColumnList("c.conkey", "c.conrelid")}, r.relname, {ColumnList("c.confkey", "c.confrelid")}, c.confdeltype
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
            WHERE c.contype = 'f' AND t.relnamespace = current_schema()::text::regnamespace
            """);
        foreach (var key in keys)
        {
            facts.ForeignKey(key.Table, key.Columns.Split(','), key.Referenced, key.ReferencedColumns.Split(','), DeleteActions[key.OnDelete]);
        }

        // A PostgreSQL trigger runs a function: its purpose (the error it raises) is read from that function's body.
        var triggers = await connection.QueryAsync<(string Table, string Definition, string Body)>(
            """
            SELECT c.relname, pg_get_triggerdef(t.oid), p.prosrc
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::text::regnamespace
            """);
        foreach (var trigger in triggers)
        {
            var (timing, events) = SchemaFacts.TimingAndEvents(trigger.Definition);
            var raises = Raise().Match(trigger.Body) is { Success: true } m ? m.Groups[1].Value : null;
            foreach (var @event in events)
            {
                facts.Trigger(trigger.Table, timing, @event, raises);
            }
        }

        return facts;
    }

    private static async Task ReadIndexesAsync(DbConnection connection, SchemaFacts facts)
    {
        var indexes = await connection.QueryAsync<(string Table, string Name, string Columns, bool Unique, bool Primary, bool Constraint, string? Predicate)>(
            $"""
            SELECT t.relname, i.relname, {ColumnList("x.indkey", "x.indrelid")}, x.indisunique, x.indisprimary,
                EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype = 'u'),
                pg_get_expr(x.indpred, x.indrelid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relnamespace = current_schema()::text::regnamespace
            """);
        foreach (var index in indexes)
        {
            if (index.Primary)
            {
                facts.PrimaryKey(index.Table, index.Columns.Split(','));
            }
            else
            {
                facts.Index(index.Table, index.Constraint ? null : index.Name, index.Columns.Split(','), index.Unique, index.Predicate);
            }
        }
    }

    /// <summary>The names of the columns an int2vector/int2[] of attribute numbers lists, in order, comma-separated.</summary>
    private static string ColumnList(string attributeNumbers, string relation) =>
        $"""
        array_to_string(ARRAY(SELECT a.attname FROM unnest({attributeNumbers}) WITH ORDINALITY k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = k.attnum ORDER BY k.n), ',')
        """;

    /// <summary>PostgreSQL's types on the classes of SQLite's affinity rules.</summary>
    private static string TypeClass(string dataType) => dataType switch
    {
        "smallint" or "integer" or "bigint" or "boolean" => "integer",
        "text" or "character varying" or "character" or "json" or "jsonb" or "uuid" => "text",
        "bytea" => "blob",
        "real" or "double precision" => "real",
        _ => "numeric",
    };

    [GeneratedRegex(@"RAISE\s+EXCEPTION\s+'([^']*)'", RegexOptions.IgnoreCase)]
    private static partial Regex Raise();
}
