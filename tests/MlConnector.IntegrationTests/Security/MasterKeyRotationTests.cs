using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlConnector.Alerts;
using MlConnector.IntegrationTests.Delivery;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Security;
using MlConnector.Storage;
using static MlConnector.IntegrationTests.Security.KeyTestData;

namespace MlConnector.IntegrationTests.Security;

/// <summary>Rotating the master key re-wraps the data keys: afterwards the old key opens nothing, every value decrypts
/// with the new one, and the blind index is unchanged (opt-outs suppress, phone searches find).</summary>
public sealed class MasterKeyRotationTests
{
    private const string Phone = "+15550101111";
    private const string OptedOut = "+15550102222";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeysRotateMaster_NewKeyInTheEnvironment_OldKeyOpensNothing_EveryValueDecrypts_OptOutsSuppress_PhoneSearchFinds()
    {
        await using var h = await DeliveryHarness.StartAsync(DeliveryStore.Sqlite);
        var sent = await h.EnqueueAsync(Phone, "PO 4720 awaits your approval", "po-4720");
        await h.DriveUntilStateAsync(sent, AlertStates.Delivered);
        await h.Simulator.InjectInboundAsync(OptedOut, "STOP", Ct);
        await h.StopConnectorAsync();
        var oldKey = MasterKey.FromBase64(File.ReadAllText(h.KeyFile), "the old key");
        var newKey = MasterKey.GenerateBase64();
        var folder = Path.GetDirectoryName(h.DataFolder)!;

        var rotated = await CliRunner.RunAsync(folder, new Dictionary<string, string?>(h.CliEnvironment) { [MasterKeyLoader.NewKeyVariable] = newKey },
            "keys", "rotate", "--master");
        var withOldKey = await CliRunner.RunAsync(folder, h.CliEnvironment, "alerts", "list");

        Assert.True(rotated.ExitCode == 0, rotated.Output + rotated.Error);
        Assert.Contains("2 data key(s) are now wrapped by the new key", rotated.Output, StringComparison.Ordinal);
        Assert.Contains("replace MLC_MASTER_KEY (or the file Security:KeyFile names) with the new key and restart it", rotated.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", rotated.Output, StringComparison.Ordinal); // random keys: nothing derived
        Assert.Equal(2, withOldKey.ExitCode);
        Assert.Contains("is not the one this database's data keys are wrapped with", withOldKey.Error, StringComparison.Ordinal);
        var stored = await QueryAsync<(string Purpose, long KeyId, byte[] Wrapped)>(
            StorageExtensions.CreateDialect(new StorageOptions { DataFolder = h.DataFolder }), "SELECT purpose, key_id, wrapped_key FROM data_keys");
        Assert.All(stored, k => Assert.Throws<MasterKeyException>(() => KeyWrap.Unwrap(oldKey, $"{k.Purpose}/{k.KeyId}", k.Wrapped)));

        // The operator replaces the key file with the new key and restarts.
        await File.WriteAllTextAsync(h.KeyFile, newKey, Ct);
        await h.StartConnectorAsync();

        Assert.True((await DecryptAllAsync(h.App.Services)).Count >= 7); // alert, audit, delivery events, inbound STOP, opt-out
        var queries = h.App.Services.GetRequiredService<AlertQueries>();
        var found = await queries.ListAsync(new AlertFilter(Phone: Phone), Ct);
        Assert.Equal(sent, Assert.Single(found.Items).Id);
        Assert.Equal("PO 4720 awaits your approval", (await queries.GetAsync(sent, Ct))!.Body);
        var blocked = await h.EnqueueAsync(OptedOut, "PO 4721 awaits your approval", "po-4721");
        await h.DriveUntilStateAsync(blocked, AlertStates.Suppressed);
        Assert.Single(h.Simulator.CreateRequests);
    }

    [Fact]
    public async Task InstanceStillOnTheOldMasterKey_KeepsWorking_WritesNoWrappedKey_AndADataKeyRotationNamesIt()
    {
        using var host = new TestHostBuilder().UseClock(TestClock.New()).WithOneRuleNotPolled(Phone);
        await using var running = await host.StartAsync(b => b.Logging.AddFakeLogging());
        var dialect = running.Services.GetRequiredService<IDbDialect>();
        var runningProtector = running.Services.GetRequiredService<FieldProtector>();
        var refresher = running.Services.GetServices<IHostedService>().OfType<KeyIdRefresher>().Single();
        var before = await EnqueueAsync(dialect, runningProtector, Phone, "written before the rotation", "PO-1");
        var newKeyFile = Path.Combine(host.Root, "keys", "new.key");
        MasterKeyLoader.EnsureKeyFile(newKeyFile);

        // keys rotate --master, then keys rotate with the new key, in other processes.
        using (var admin = TestHostBuilder.SharingStoreWith(host))
        await using (var cli = admin.Build())
        {
            var rewrapped = await cli.Services.GetRequiredService<MasterKeyRotation>()
                .RotateAsync(MasterKeyLoader.LoadReplacement(newKeyFile, host.DataFolder, _ => null), Ct);
            Assert.Equal(new MasterRotationReport(2, 0), rewrapped);
        }

        using var rotatedAdmin = TestHostBuilder.SharingStoreWith(host).With("Security:KeyFile", newKeyFile);
        await using var rotatedCli = rotatedAdmin.Build();
        var (report, waits) = await RotationDriver.RunAsync(rotatedCli.Services.GetRequiredService<KeyRotation>(), host.Clock,
            _ => refresher.RefreshOnceAsync(Ct));

        // The rotation waited for the instance, which could not take up key id 2, and says so.
        Assert.Contains(waits, w => w is RotationProgress.Waiting);
        Assert.False(report.Done);
        Assert.Equal((running.Services.GetRequiredService<KeyHolders>().Me, 1), (Assert.Single(report.Lagging).InstanceId, report.Lagging[0].KeyId));
        Assert.Contains(running.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "NewKeyIdNotOpened");
        Assert.Contains(running.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "MasterKeyRotatedAway");
        // It keeps working with the keys it holds, and what it writes stays readable by the instances on the new key.
        Assert.Equal(1, runningProtector.ActiveKeyId);
        var after = await EnqueueAsync(dialect, runningProtector, Phone, "written after the rotation", "PO-2");
        Assert.Equal("written after the rotation", (await running.Services.GetRequiredService<AlertQueries>().GetAsync(after, Ct))!.Body);
        Assert.Equal("written after the rotation", (await rotatedCli.Services.GetRequiredService<AlertQueries>().GetAsync(after, Ct))!.Body);
        Assert.Equal("written before the rotation", (await rotatedCli.Services.GetRequiredService<AlertQueries>().GetAsync(before, Ct))!.Body);
        // It writes no wrapped key under its old master key.
        var refused = await Assert.ThrowsAsync<MasterKeyException>(() => running.Services.GetRequiredService<DataKeys>().AddAsync(Ct));
        Assert.Contains("is not the one this database's data keys are wrapped with", refused.Message, StringComparison.Ordinal);
        var newKey = MasterKeyLoader.LoadReplacement(newKeyFile, host.DataFolder, _ => null);
        Assert.All(await QueryAsync<(string Purpose, long KeyId, byte[] Wrapped)>(dialect, "SELECT purpose, key_id, wrapped_key FROM data_keys"),
            k => KeyWrap.Unwrap(newKey, $"{k.Purpose}/{k.KeyId}", k.Wrapped));
        // And it would not start again with that key.
        using var restart = TestHostBuilder.SharingStoreWith(host);
        var error = await Assert.ThrowsAsync<MasterKeyException>(() => restart.StartAsync());
        Assert.Contains("is not the one this database's data keys are wrapped with", error.Message, StringComparison.Ordinal);
    }
}
