using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlConnector.Alerts;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Security;
using MlConnector.Storage;
using static MlConnector.IntegrationTests.Security.KeyTestData;

namespace MlConnector.IntegrationTests.Security;

/// <summary>Rotating the data key: indexed batches, every value moved (what running instances wrote before switching
/// too), and an honest count of what remains.</summary>
public sealed class DataKeyRotationTests
{
    private const string Phone = "+15550100001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batches_OfEverySealedColumn_SeekThePrimaryKeyIndex_NeitherScanningOnNorSorting()
    {
        using var host = new TestHostBuilder(withKey: false);
        var dialect = host.Dialect();
        dialect.Migrate();
        await using var app = host.Build();
        var columns = app.Services.GetServices<SealedColumn>().ToList();
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=false");

        Assert.Contains(columns, c => c.PrimaryKey.Count > 1); // opt_outs: (company_id, phone_index)
        foreach (var column in columns)
        {
            var args = new DynamicParameters(new { keyId = SealedColumnRewriter.KeyIdBytes(2) });
            for (var i = 0; i < column.PrimaryKey.Count; i++)
            {
                args.Add($"k{i}", "0");
            }

            var first = await PlanAsync(connection, SealedColumnRewriter.BatchSql(column, first: true), args);
            var next = await PlanAsync(connection, SealedColumnRewriter.BatchSql(column, first: false), args);

            var where = $"{column.Table}.{column.Column}";
            Assert.DoesNotContain("TEMP B-TREE", first, StringComparison.Ordinal);
            Assert.DoesNotContain("TEMP B-TREE", next, StringComparison.Ordinal);
            Assert.True(next.StartsWith($"SEARCH {column.Table} USING ", StringComparison.Ordinal)
                && (next.Contains("PRIMARY KEY", StringComparison.Ordinal) || next.Contains($"sqlite_autoindex_{column.Table}_1", StringComparison.Ordinal)),
                $"{where}: a batch after the first should seek the primary key, but the plan is: {next}");
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Rotate_MoreValuesThanABatch_MovesEveryValueToTheNewKeyAndEveryOneReadsBack(string store)
    {
        await using var database = await StoreDatabase.ForAsync(store);
        using var host = new TestHostBuilder().UseClock(TestClock.New()).OnStore(database).WithOneRuleNotPolled(Phone);
        host.Dialect().Migrate();
        await using var app = host.Build();
        var dialect = app.Services.GetRequiredService<IDbDialect>();
        var protector = app.Services.GetRequiredService<FieldProtector>();
        protector.Load(); // the data keys, made as a first start makes them
        const int Count = SealedColumnRewriter.BatchSize + 30;
        for (var i = 0; i < Count; i++)
        {
            await EnqueueAsync(dialect, protector, $"+1555020{i:D4}", $"PO {i} awaits your approval", $"PO-{i}");
            await OptOutAsync(dialect, protector, $"+1555030{i:D4}");
        }

        var (report, waits) = await RotationDriver.RunAsync(app.Services.GetRequiredService<KeyRotation>(), host.Clock);

        Assert.Equal((2, Count * 4L, 0L, 0L), (report.KeyId, report.Rewritten, report.Remaining, report.Unreadable));
        Assert.Empty(report.Lagging);
        Assert.True(report.Done);
        Assert.Empty(waits); // nobody else runs: nothing to wait for
        var keyIds = await DecryptAllAsync(app.Services);
        Assert.Equal(Count * 4, keyIds.Count);
        Assert.All(keyIds, id => Assert.Equal(2, id));
        var found = await app.Services.GetRequiredService<AlertQueries>().ListAsync(new AlertFilter(Phone: "+15550200007"), Ct);
        Assert.Equal("PO 7 awaits your approval", (await app.Services.GetRequiredService<AlertQueries>().GetAsync(Assert.Single(found.Items).Id, Ct))!.Body);
    }

    [Fact]
    public async Task Rotate_WhileAnotherInstanceStillWritesUnderTheOldId_WaitsForItToSwitch_AndAFinalPassCatchesWhatItWrote()
    {
        using var host = new TestHostBuilder().UseClock(TestClock.New()).WithOneRuleNotPolled(Phone);
        await using var running = await host.StartAsync();
        var dialect = running.Services.GetRequiredService<IDbDialect>();
        var runningProtector = running.Services.GetRequiredService<FieldProtector>();
        var refresher = running.Services.GetServices<IHostedService>().OfType<KeyIdRefresher>().Single();
        await EnqueueAsync(dialect, runningProtector, Phone, "written before the rotation", "PO-1");
        using var admin = TestHostBuilder.SharingStoreWith(host).WithOneRuleNotPolled(Phone);
        await using var cli = admin.Build();
        long late = 0;

        var (report, waits) = await RotationDriver.RunAsync(cli.Services.GetRequiredService<KeyRotation>(), host.Clock, async wait =>
        {
            if (wait is RotationProgress.Waiting && late == 0)
            {
                // The running instance writes in the seconds before its refresher takes up the new key id.
                late = await EnqueueAsync(dialect, runningProtector, Phone, "written just before the switch", "PO-2");
                await refresher.RefreshOnceAsync(Ct);
            }
        });

        var waiting = Assert.IsType<RotationProgress.Waiting>(waits[0]);
        Assert.Equal((running.Services.GetRequiredService<KeyHolders>().Me, 1), (Assert.Single(waiting.Lagging).InstanceId, waiting.Lagging[0].KeyId));
        Assert.True(report.Done, $"remaining {report.Remaining}, lagging {report.Lagging.Count}");
        Assert.Equal(0, report.Remaining);
        Assert.Equal(2, runningProtector.ActiveKeyId);
        Assert.All(await DecryptAllAsync(running.Services), id => Assert.Equal(2, id));
        var blobs = await QueryAsync<byte[]>(dialect, "SELECT body FROM alerts WHERE id = @late", new { late });
        Assert.Equal(2, FieldProtector.KeyIdOf(Assert.Single(blobs)));
        Assert.Equal("written just before the switch", (await running.Services.GetRequiredService<AlertQueries>().GetAsync(late, Ct))!.Body);
    }

    [Fact]
    public async Task KeysRotate_AValueThatCannotBeRead_IsCountedAsRemainingAndTheVerbSaysNotDone()
    {
        using var host = new TestHostBuilder().WithOneRuleNotPolled(Phone);
        host.Dialect().Migrate();
        long id;
        await using (var app = host.Build())
        {
            var protector = app.Services.GetRequiredService<FieldProtector>();
            protector.Load();
            id = await EnqueueAsync(app.Services.GetRequiredService<IDbDialect>(), protector, Phone, "PO 1 awaits your approval", "PO-1");
        }

        // A damaged value under key id 1: it fails authentication, so it cannot be moved.
        var body = (await QueryAsync<byte[]>(host.Dialect(), "SELECT body FROM alerts WHERE id = @id", new { id }))[0];
        body[^1] ^= 0x01;
        await ExecuteAsync(host.Dialect(), "UPDATE alerts SET body = @body WHERE id = @id", new { body, id });
        SqliteConnection.ClearAllPools();

        var rotated = await InProcessCli.RunAsync(["keys", "rotate", .. host.Arguments]);

        Assert.Equal(1, rotated.ExitCode);
        Assert.Contains("Key id 2 is active; 2 value(s) re-encrypted.", rotated.Output, StringComparison.Ordinal);
        Assert.Contains("Not done: 1 value(s) remain under older key ids (1 of them unreadable: damaged, left as they are).",
            rotated.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Done: every", rotated.Output, StringComparison.Ordinal);
    }

    private static async Task<string> PlanAsync(SqliteConnection connection, string sql, DynamicParameters args) =>
        string.Join(" | ", (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, args))
            .Select(r => r.Detail));
}
