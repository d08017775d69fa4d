namespace MlConnector.Security;

/// <summary>Finds the master key: <c>MLC_MASTER_KEY</c> first, then <c>Security:KeyFile</c>; and the new one of a
/// master-key rotation: <c>MLC_NEW_MASTER_KEY</c> first, then <c>--new-key-file</c>.</summary>
public static class MasterKeyLoader
{
    public const string NewKeyVariable = "MLC_NEW_MASTER_KEY";

    /// <summary>The new master key of <c>keys rotate --master</c>.</summary>
    public static MasterKey LoadReplacement(string? newKeyFile, string dataFolder, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var fromEnvironment = environment(NewKeyVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return MasterKey.FromBase64(fromEnvironment, $"the {NewKeyVariable} environment variable");
        }

        if (string.IsNullOrWhiteSpace(newKeyFile))
        {
            throw new MasterKeyException(
                $"No new master key. Set the {NewKeyVariable} environment variable to 32 random bytes in base64, or name a " +
                $"file holding them with --new-key-file (outside the data folder). A new key: {MasterKey.GenerateBase64()}");
        }

        return FromFile(Path.GetFullPath(newKeyFile), dataFolder, "--new-key-file");
    }

    public static MasterKey Load(SecurityOptions options, string dataFolder, Func<string, string?> environment)
    {
        var fromEnvironment = environment(MasterKey.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return MasterKey.FromBase64(fromEnvironment, $"the {MasterKey.EnvironmentVariable} environment variable");
        }

        if (string.IsNullOrWhiteSpace(options.KeyFile))
        {
            throw new MasterKeyException(
                $"No master key. Set the {MasterKey.EnvironmentVariable} environment variable to 32 random bytes in " +
                "base64, or set Security:KeyFile to a file holding them (outside the data folder). " +
                $"A new key: {MasterKey.GenerateBase64()}");
        }

        return FromFile(Path.GetFullPath(options.KeyFile), dataFolder, "Security:KeyFile");
    }

    private static MasterKey FromFile(string keyFile, string dataFolder, string setting)
    {
        if (IsInside(keyFile, Path.GetFullPath(dataFolder)))
        {
            throw new MasterKeyException(
                $"{setting} ({keyFile}) is inside the data folder; keep the key apart from the data it protects.");
        }

        if (!File.Exists(keyFile))
        {
            throw new MasterKeyException($"{setting} names {keyFile}, which does not exist.");
        }

        string text;
        try
        {
            text = File.ReadAllText(keyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MasterKeyException($"{setting}: '{keyFile}' cannot be read ({e.Message.TrimEnd('.')}); " +
                "give the service account read access to it.");
        }

        return MasterKey.FromBase64(text, $"the key file {keyFile}");
    }

    /// <summary>Creates a key file with a fresh key unless one exists (used by the demo only).</summary>
    public static void EnsureKeyFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, MasterKey.GenerateBase64() + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
