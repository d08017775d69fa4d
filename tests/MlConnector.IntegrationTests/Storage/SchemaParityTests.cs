namespace MlConnector.IntegrationTests.Storage;

/// <summary>
/// The SQLite and PostgreSQL migrations build the same schema: a fresh database of each is migrated with the real
/// scripts, each engine's catalogue is read (<see cref="SqliteCatalogue"/>, <see cref="PostgresCatalogue"/>), and the
/// tables, columns (name, nullability, type class, default, identity), primary keys, indexes (table, columns,
/// uniqueness, predicate; the name unless a UNIQUE constraint made it), foreign keys and triggers (table, timing,
/// event and the error they raise) must be the same.
/// </summary>
/// <remarks>
/// Where the dialects legitimately differ, the readers speak of both in the same words, each for a stated reason:
/// BIGINT and INTEGER are both "integer" (SQLite's INTEGER is 64 bits); SQLite's AUTOINCREMENT and PostgreSQL's
/// GENERATED ALWAYS AS IDENTITY are both "identity"; a PostgreSQL trigger is read through the function it runs, which
/// SQLite writes inline (the functions are not compared as objects of their own). The tables below are left out.
/// Not read as identity: an INTEGER PRIMARY KEY without AUTOINCREMENT (encryption_keys.key_id, master_key.id), which
/// SQLite fills in when NULL is inserted; harmless, as the connector always writes that id (Security/KeyRingStore).
/// </remarks>
public sealed class SchemaParityTests
{
    private static readonly Dictionary<string, string> TablesOfTheirOwn = new(StringComparer.Ordinal)
    {
        ["sqlite_sequence"] = "SQLite's own counters for AUTOINCREMENT (PostgreSQL keeps them in identity sequences)",
        ["SchemaVersions"] = "DbUp's journal of applied scripts, named and typed by the SQLite provider",
        ["schemaversions"] = "DbUp's journal of applied scripts, named and typed by the PostgreSQL provider",
    };

    [Fact]
    public async Task Migrate_BothDialects_SameTablesColumnsIndexesAndTriggers()
    {
        var (sqlite, postgres) = await MigrateBothAsync();

        var differences = Differences(sqlite, postgres);

        Assert.True(differences.Count == 0,
            "The SQLite and PostgreSQL migrations build different schemas:\n" + string.Join('\n', differences));
        // The readers saw the schema, not nothing: the outbox, its constraint index and the audit trail's guards.
        Assert.Contains("column alerts.state text not null", sqlite.Lines);
        Assert.Contains("unique index alerts (constraint) (company_id, alert_key)", sqlite.Lines);
        Assert.Contains("trigger audit before delete raises 'the audit trail is append-only'", sqlite.Lines);
    }

    [Fact]
    public async Task Compare_AColumnIndexOrTriggerOnlyOneDialectHas_IsReported()
    {
        var (sqlite, postgres) = await MigrateBothAsync(
            """
            ALTER TABLE alerts ADD COLUMN parity_probe TEXT NULL;
            CREATE INDEX ix_parity_probe ON opt_outs (source);
            DROP TRIGGER audit_is_append_only_delete ON audit;
            """);

        var differences = Differences(sqlite, postgres);

        Assert.Equal(
        [
            "only in PostgreSQL: column alerts.parity_probe text null",
            "only in PostgreSQL: index opt_outs ix_parity_probe (source)",
            "only in SQLite: trigger audit before delete raises 'the audit trail is append-only'",
        ], differences);
    }

    /// <param name="postgresChange">SQL run on the PostgreSQL database after its migrations (to show a difference).</param>
    private static async Task<(SchemaFacts Sqlite, SchemaFacts Postgres)> MigrateBothAsync(string? postgresChange = null)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresTestDatabase.CreateAsync();
        using var sqliteHost = new TestHostBuilder(withKey: false);
        using var postgresHost = new TestHostBuilder(withKey: false).OnStore(database);
        var sqlite = sqliteHost.Dialect();
        var postgres = postgresHost.Dialect();
        sqlite.Migrate();
        postgres.Migrate();

        SchemaFacts sqliteFacts;
        await using (var connection = await sqlite.OpenAsync(ct))
        {
            sqliteFacts = await SqliteCatalogue.ReadAsync(connection);
        }

        await using var pg = await postgres.OpenAsync(ct);
        if (postgresChange is not null)
        {
            await using var change = pg.CreateCommand();
            change.CommandText = postgresChange;
            await change.ExecuteNonQueryAsync(ct);
        }

        return (sqliteFacts, await PostgresCatalogue.ReadAsync(pg));
    }

    private static List<string> Differences(SchemaFacts sqlite, SchemaFacts postgres)
    {
        var inSqlite = sqlite.LinesWithout(TablesOfTheirOwn.Keys).ToHashSet(StringComparer.Ordinal);
        var inPostgres = postgres.LinesWithout(TablesOfTheirOwn.Keys).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. inPostgres.Except(inSqlite).Order(StringComparer.Ordinal).Select(line => $"only in PostgreSQL: {line}"),
            .. inSqlite.Except(inPostgres).Order(StringComparer.Ordinal).Select(line => $"only in SQLite: {line}"),
        ];
    }
}
