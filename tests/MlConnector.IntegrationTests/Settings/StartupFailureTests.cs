using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Security;

namespace MlConnector.IntegrationTests.Settings;

/// <summary>The service started as an operator starts it (the real executable) with each foreseeable failure: one clear
/// line on standard error, exit 2, and no stack frame anywhere.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_PortInUse_OneLineAndExit2()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var result = await RunAsync(Settings(), "run", "--urls", url);

        AssertOneLine(result, $"cannot start: Urls: '{url}' is in use by another program");
    }

    [Fact]
    public async Task Run_MissingKeyFile_OneLineAndExit2()
    {
        var missing = _folder.Combine("keys", "missing.key");

        var result = await RunAsync(Settings(keyFile: missing), "run", "--urls", "http://127.0.0.1:0");

        AssertOneLine(result, $"cannot start: Security:KeyFile names {missing}, which does not exist");
    }

    [Fact]
    public async Task Run_UnreadableKeyFile_OneLineAndExit2()
    {
        var unreadable = UnreadableFile();

        var result = await RunAsync(Settings(keyFile: unreadable), "run", "--urls", "http://127.0.0.1:0");

        AssertOneLine(result, $"cannot start: Security:KeyFile: '{unreadable}' cannot be read");
    }

    [Fact]
    public async Task Run_UnreachablePostgres_OneLineAndExit2()
    {
        var settings = Settings();
        settings["MLC_Storage__Provider"] = "Postgres";
        settings["MLC_Storage__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=mlc;Username=mlc;Password=mlc;Timeout=2";

        var result = await RunAsync(settings, "run", "--urls", "http://127.0.0.1:0");

        AssertOneLine(result, "cannot start: PostgreSQL database mlc on 127.0.0.1:1 cannot be reached");
    }

    [Fact]
    public async Task Run_ReadOnlyDataFolder_OneLineAndExit2()
    {
        var readOnly = ReadOnlyFolder();

        var result = await RunAsync(Settings(dataFolder: readOnly), "run", "--urls", "http://127.0.0.1:0");

        AssertOneLine(result, $"cannot start: SQLite file {Path.Combine(readOnly, "ml-connector.db")} cannot be created or written");
    }

    [Fact]
    public async Task Run_DatabaseLocked_OneLineAndExit2()
    {
        var settings = Settings();
        settings["MLC_Storage__CommandTimeout"] = "00:00:01";
        Assert.Equal(0, (await RunAsync(settings, "db", "migrate")).ExitCode);
        await using var holder = new SqliteConnection($"Data Source={_folder.Combine("data", "ml-connector.db")}");
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using (var command = holder.CreateCommand())
        {
            command.CommandText = "BEGIN EXCLUSIVE;";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var result = await RunAsync(settings, "run", "--urls", "http://127.0.0.1:0");

        AssertOneLine(result, "is locked by another program (waited 00:00:01, Storage:CommandTimeout)");
    }

    private Dictionary<string, string?> Settings(string? keyFile = null, string? dataFolder = null)
    {
        var key = _folder.Combine("keys", "master.key");
        MasterKeyLoader.EnsureKeyFile(key);
        return new Dictionary<string, string?>
        {
            ["MLC_Security__KeyFile"] = keyFile ?? key,
            ["MLC_Storage__DataFolder"] = dataFolder ?? _folder.Combine("data"),
        };
    }

    private Task<CliRunner.Result> RunAsync(Dictionary<string, string?> environment, params string[] args) =>
        CliRunner.RunAsync(_folder.Path, environment, args);

    private static void AssertOneLine(CliRunner.Result result, string text)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("ml-connector: ", line, StringComparison.Ordinal);
        Assert.Contains(text, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
    }

    /// <summary>A file this process cannot read: without read permission; as root (whom permissions do not stop), a
    /// file the kernel refuses to read (/proc/self/mem answers an I/O error).</summary>
    private string UnreadableFile()
    {
        var file = _folder.Combine("keys", "unreadable.key");
        MasterKeyLoader.EnsureKeyFile(file);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.None);
        }

        if (!CanRead(file) && !OperatingSystem.IsWindows())
        {
            return file;
        }

        Assert.SkipUnless(File.Exists("/proc/self/mem") && !CanRead("/proc/self/mem"), "no unreadable file can be made here");
        return "/proc/self/mem";
    }

    /// <summary>A folder this process cannot write: without write permission; as root, a kernel folder that refuses
    /// new files (/sys/kernel).</summary>
    private string ReadOnlyFolder()
    {
        var folder = _folder.Combine("read-only");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        if (!CanWrite(folder))
        {
            return folder;
        }

        Assert.SkipUnless(Directory.Exists("/sys/kernel") && !CanWrite("/sys/kernel"), "no read-only folder can be made here");
        return "/sys/kernel";
    }

    private static bool CanRead(string file)
    {
        try
        {
            _ = File.ReadAllText(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool CanWrite(string folder)
    {
        var probe = Path.Combine(folder, $"probe-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
