namespace MlConnector.IntegrationTests.Security;

/// <summary>On Unix the data folder is the service account's alone: 0700, and the database, its WAL and shared-memory
/// files and the key files 0600, whatever the umask.</summary>
[Collection(nameof(RunsAlone))]
public sealed class FileModeTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task AfterStart_DataFolderIs0700_DatabaseWalShmAndKeysAre0600()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes; on Windows the README restricts the folder with icacls.");
        }

        await using var host = await SecurityHost.StartAsync();
        using var browser = await host.SignedInAsync("olivia");
        var data = host.Builder.DataFolder;

        Assert.Equal(Folder, File.GetUnixFileMode(data));
        var database = host.Builder.DatabasePath;
        Assert.True(File.Exists(database + "-wal"), "the WAL is open while the service runs");
        foreach (var file in new[] { database, database + "-wal", database + "-shm", host.Builder.KeyFile })
        {
            Assert.True(File.GetUnixFileMode(file) == Private, $"{Path.GetFileName(file)}: {File.GetUnixFileMode(file)}");
        }

        var keys = Path.Combine(data, "dataprotection-keys");
        Assert.Equal(Folder, File.GetUnixFileMode(keys));
        var keyFiles = Directory.GetFiles(keys);
        Assert.NotEmpty(keyFiles);
        Assert.All(keyFiles, f => Assert.Equal(Private, File.GetUnixFileMode(f)));
    }
}
