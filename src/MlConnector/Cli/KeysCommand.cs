using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Cli;

/// <summary><c>ml-connector keys rotate [--master]</c>: a new data key with every sealed value re-encrypted under it, or
/// the master key replaced (every data key re-wrapped under the new one).</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var master = new Option<bool>("--master")
        {
            Description = $"Rotate the master key instead: re-wrap every data key under the new key, given in {MasterKeyLoader.NewKeyVariable} " +
                "or with --new-key-file, in one transaction. No value is re-encrypted; the blind index stays as it is.",
        };
        var newKeyFile = new Option<FileInfo?>("--new-key-file")
        {
            Description = $"With --master: a file holding the new master key (base64), outside the data folder; used when {MasterKeyLoader.NewKeyVariable} is not set.",
        };
        var rotate = new Command("rotate",
            "Add a new random data key and re-encrypt every phone number, message body and sealed audit detail under it, in " +
            "batches, safe while the service runs: running instances switch to the new key within 30 s, the rotation waits for " +
            "them and makes a last pass for what they wrote meanwhile, then says how many values remain under older keys (exit 1 " +
            "unless none). Progress goes to standard error.") { master, newKeyFile }.Admin();
        rotate.Validators.Add(r =>
        {
            if (r.GetValue(newKeyFile) is not null && !r.GetValue(master))
            {
                r.AddError("--new-key-file goes with --master.");
            }
        });
        rotate.SetAction((result, ct) => AdminHost.RunAsync(result, true, services => result.GetValue(master)
            ? RotateMasterAsync(services, result.GetValue(newKeyFile), ct)
            : RotateDataKeyAsync(services, ct), ct));
        return new Command("keys", "Encryption keys.") { rotate };
    }

    private static async Task<int> RotateDataKeyAsync(IServiceProvider services, CancellationToken ct)
    {
        var progress = new SyncProgress<RotationProgress>(p => CliConsole.Error.WriteLine("keys rotate: " + p switch
        {
            RotationProgress.Rewriting r => $"{r.Column.Table}.{r.Column.Column}: {r.Done} re-encrypted",
            RotationProgress.Waiting w => $"waiting for running instance(s) to switch to the new key: {Describe(w.Lagging)}",
            RotationProgress.Settling s => $"{s.Remaining} value(s) still under older key ids; another pass in {s.For.TotalSeconds:0} s",
            _ => p.ToString(),
        }));
        var report = await services.GetRequiredService<KeyRotation>().RotateAsync(progress, ct);
        CliConsole.Out.WriteLine($"Key id {report.KeyId} is active; {report.Rewritten} value(s) re-encrypted.");
        if (report.Done)
        {
            CliConsole.Out.WriteLine($"Done: every sealed value is under key id {report.KeyId}.");
            return ExitCodes.Ok;
        }

        CliConsole.Out.WriteLine($"Not done: {report.Remaining} value(s) remain under older key ids" +
            (report.Unreadable > 0 ? $" ({report.Unreadable} of them unreadable: damaged, left as they are)." : "."));
        if (report.Lagging.Count > 0)
        {
            CliConsole.Out.WriteLine($"Still writing under an older key id: {Describe(report.Lagging)}. Restart these instances " +
                "(with the current master key, if it was rotated since they started), then run keys rotate again.");
        }
        else if (report.Remaining > report.Unreadable)
        {
            CliConsole.Out.WriteLine("Values kept arriving under an older key id; run keys rotate again once every instance runs this version.");
        }

        return ExitCodes.Failed;
    }

    private static async Task<int> RotateMasterAsync(IServiceProvider services, FileInfo? newKeyFile, CancellationToken ct)
    {
        var dataFolder = services.GetRequiredService<IOptions<StorageOptions>>().Value.DataFolder;
        var next = MasterKeyLoader.LoadReplacement(newKeyFile?.FullName, dataFolder, Environment.GetEnvironmentVariable);
        var report = await services.GetRequiredService<MasterKeyRotation>().RotateAsync(next, ct);
        CliConsole.Out.WriteLine($"The master key is rotated: {report.Keys} data key(s) are now wrapped by the new key ({next.Origin}); " +
            "the old key opens none of them.");
        CliConsole.Out.WriteLine($"Next, on every instance: replace {MasterKey.EnvironmentVariable} (or the file Security:KeyFile names) " +
            "with the new key and restart it. Until it restarts, a running instance keeps working with the data keys it holds, but " +
            "cannot take up a new key id (keys rotate waits for it) and will not start again with the old key. Then destroy every " +
            "copy of the old key.");
        if (report.Derived > 0)
        {
            CliConsole.Out.WriteLine($"Warning: {report.Derived} of these data keys date from before envelope encryption: they are derived " +
                "from the master key this database had then, which derives them again without the database. Once every instance runs " +
                "with the new key, run keys rotate to move every value to a random data key. The blind-index key is one of them and " +
                "is not replaced: whoever holds that old master key and a copy of the database can test phone numbers against the index.");
        }

        return ExitCodes.Ok;
    }

    private static string Describe(IReadOnlyList<KeyHolder> holders) => string.Join(", ", holders.Select(h =>
        $"{h.InstanceId} (key id {h.KeyId}, last seen {h.SeenAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)"));
}
