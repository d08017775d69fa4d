using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Recipients;
using MlConnector.Security;
using static MlConnector.IntegrationTests.Security.KeyTestData;

namespace MlConnector.IntegrationTests.Security;

/// <summary>A database written before envelope encryption (keys derived from the master key with HKDF) keeps working:
/// its first start imports the derived keys as wrapped data keys. A new database gets random data keys instead.</summary>
public sealed class LegacyKeyUpgradeTests
{
    private const string Phone = "+15550100001";
    private const string OptedOut = "+15550100009";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DatabaseWrittenWithDerivedKeys_AfterTheUpgrade_EveryValueDecryptsAndEveryBlindIndexMatches(string store)
    {
        await using var database = await StoreDatabase.ForAsync(store);
        using var host = new TestHostBuilder().UseClock(TestClock.New()).OnStore(database).WithOneRuleNotPolled(Phone);
        var dialect = host.Dialect();
        dialect.Migrate();
        var master = MasterKeyBytes(host.KeyFile);
        // As the connector left it: key ids 1 and 2 (a rotation), values under both, no data key stored.
        await ExecuteAsync(dialect, "INSERT INTO encryption_keys (key_id, created_at) VALUES (2, 1)");
        var first = await EnqueueAsync(dialect, LegacyScheme.Protector(master, activeKeyId: 1), Phone, "PO 1 written under key 1", "PO-1");
        var second = await EnqueueAsync(dialect, LegacyScheme.Protector(master, activeKeyId: 2), Phone, "PO 2 written under key 2", "PO-2");
        await OptOutAsync(dialect, LegacyScheme.Protector(master, activeKeyId: 2), OptedOut);

        await using var app = await host.StartAsync();

        var queries = app.Services.GetRequiredService<AlertQueries>();
        var protector = app.Services.GetRequiredService<FieldProtector>();
        Assert.Equal("PO 1 written under key 1", (await queries.GetAsync(first, Ct))!.Body);
        Assert.Equal("PO 2 written under key 2", (await queries.GetAsync(second, Ct))!.Body);
        Assert.Equal([second, first], (await queries.ListAsync(new AlertFilter(Phone: "555-010-0001"), Ct)).Items.Select(a => a.Id));
        Assert.True(await app.Services.GetRequiredService<OptOutList>().ContainsAsync("default", protector.BlindIndex(OptedOut), Ct));
        Assert.Equal([1, 1, 1, 2, 2, 2, 2], (await DecryptAllAsync(app.Services)).Order());
        Assert.Equal(["blind-index/1 1", "field/1 1", "field/2 1"],
            await QueryAsync<string>(dialect, "SELECT purpose || '/' || key_id || ' ' || derived FROM data_keys ORDER BY purpose, key_id"));
        // New values go under the newest id and read back.
        var third = await EnqueueAsync(dialect, protector, Phone, "PO 3 written after the upgrade", "PO-3");
        Assert.Equal("PO 3 written after the upgrade", (await queries.GetAsync(third, Ct))!.Body);
        Assert.Equal(3, (await queries.ListAsync(new AlertFilter(Phone: Phone), Ct)).Total);
    }

    [Fact]
    public async Task NewDatabase_GetsRandomDataKeys_WhichTheMasterKeyDoesNotDerive()
    {
        using var host = new TestHostBuilder().UseClock(TestClock.New()).WithOneRuleNotPolled(Phone);
        await using var app = await host.StartAsync();
        var master = MasterKeyBytes(host.KeyFile);
        var dialect = host.Dialect();

        var stored = await QueryAsync<(string Purpose, long KeyId, byte[] Wrapped, long Derived)>(dialect,
            "SELECT purpose, key_id, wrapped_key, derived FROM data_keys ORDER BY purpose, key_id");

        Assert.Equal([("blind-index", 1L, 0L), ("field", 1L, 0L)], stored.Select(k => (k.Purpose, k.KeyId, k.Derived)));
        var masterKey = MasterKey.FromBytes(master);
        var fieldKey = KeyWrap.Unwrap(masterKey, "field/1", stored[1].Wrapped);
        Assert.NotEqual(LegacyScheme.FieldKey(master, 1), fieldKey);
        Assert.NotEqual(LegacyScheme.BlindIndexKey(master), KeyWrap.Unwrap(masterKey, "blind-index/1", stored[0].Wrapped));
        Assert.DoesNotContain(stored, k => k.Wrapped.AsSpan().IndexOf(fieldKey) >= 0);
    }
}
