using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace MlConnector.IntegrationTests.Storage;

/// <summary>Reads a SQLite database's schema from its catalogue: sqlite_master and the table_info, index_list,
/// index_info and foreign_key_list pragmas.</summary>
internal static partial class SqliteCatalogue
{
    public static async Task<SchemaFacts> ReadAsync(DbConnection connection)
    {
        var facts = new SchemaFacts();
        var objects = (await connection.QueryAsync<(string Type, string Name, string Table, string? Sql)>(
            "SELECT type, name, tbl_name, sql FROM sqlite_master")).ToList();
        foreach (var (_, table, _, sql) in objects.Where(o => o.Type == "table"))
        {
            facts.Table(table);
            await ReadColumnsAsync(connection, facts, table, sql ?? "");
            await ReadIndexesAsync(connection, facts, table, objects);
            var keys = await connection.QueryAsync<(long Id, long Seq, string Referenced, string From, string To, string OnDelete)>(
                "SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(@table) ORDER BY id, seq",
                new { table });
            foreach (var key in keys.GroupBy(k => k.Id))
            {
                facts.ForeignKey(table, key.Select(k => k.From), key.First().Referenced, key.Select(k => k.To), key.First().OnDelete);
            }
        }

        foreach (var (_, _, table, sql) in objects.Where(o => o.Type == "trigger"))
        {
            var (timing, events) = SchemaFacts.TimingAndEvents(sql!);
            var raises = Raise().Match(sql!) is { Success: true } m ? m.Groups[1].Value : null;
            foreach (var @event in events)
            {
                facts.Trigger(table, timing, @event, raises);
            }
        }

        return facts;
    }

    private static async Task ReadColumnsAsync(DbConnection connection, SchemaFacts facts, string table, string sql)
    {
        var columns = (await connection.QueryAsync<(string Name, string Type, long NotNull, string? Default, long Pk)>(
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(@table) ORDER BY cid", new { table })).ToList();
        // AUTOINCREMENT is allowed only on an INTEGER PRIMARY KEY, so it names the identity column.
        var autoincrement = sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            facts.Column(table, column.Name, SchemaFacts.SqliteTypeClass(column.Type), column.NotNull == 0, column.Default,
                identity: autoincrement && column.Pk > 0);
        }

        if (columns.Any(c => c.Pk > 0))
        {
            facts.PrimaryKey(table, columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name));
        }
    }

    private static async Task ReadIndexesAsync(DbConnection connection, SchemaFacts facts, string table,
        List<(string Type, string Name, string Table, string? Sql)> objects)
    {
        var indexes = await connection.QueryAsync<(string Name, long Unique, string Origin, long Partial)>(
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@table)", new { table });
        // origin: 'c' CREATE INDEX, 'u' a UNIQUE constraint, 'pk' the primary key (a fact of its own).
        foreach (var index in indexes.Where(i => i.Origin != "pk"))
        {
            var columns = await connection.QueryAsync<string>(
                "SELECT name FROM pragma_index_info(@index) ORDER BY seqno", new { index = index.Name });
            var sql = objects.SingleOrDefault(o => o.Type == "index" && o.Name == index.Name).Sql;
            var predicate = index.Partial == 1 ? Where().Match(sql!).Groups[1].Value : null;
            facts.Index(table, index.Origin == "c" ? index.Name : null, columns, index.Unique == 1, predicate);
        }
    }

    [GeneratedRegex(@"RAISE\s*\(\s*(?:ABORT|FAIL|ROLLBACK)\s*,\s*'([^']*)'", RegexOptions.IgnoreCase)]
    private static partial Regex Raise();

    [GeneratedRegex(@"\bWHERE\b(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Where();
}
