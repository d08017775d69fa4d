using System.CommandLine;
using MlConnector.Security;

namespace MlConnector.Cli;

/// <summary><c>ml-connector keys rotate</c>: a new encryption key id, and every sealed value re-encrypted under it.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var rotate = new Command("rotate",
            "Add a new encryption key id (derived from the master key) and re-encrypt every phone number, message body and " +
            "sealed audit detail under it. Safe while the service runs: it switches to the new key within 30 s, and values " +
            "under older ids stay readable. Progress goes to standard error.").Admin();
        rotate.SetAction((result, ct) => AdminHost.RunAsync(result, true, async services =>
        {
            var progress = new SyncProgress<(SealedColumn Column, long Done)>(p =>
                CliConsole.Error.WriteLine($"keys rotate: {p.Column.Table}.{p.Column.Column}: {p.Done} re-encrypted"));
            var (keyId, rewritten) = await services.GetRequiredService<KeyRotation>().RotateAsync(progress, ct);
            CliConsole.Out.WriteLine($"Key id {keyId} is active; {rewritten} value(s) re-encrypted.");
            return ExitCodes.Ok;
        }, ct));
        return new Command("keys", "Encryption keys.") { rotate };
    }
}
