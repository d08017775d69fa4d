namespace MlConnector.Cli.Init;

/// <summary>Writes what <c>init</c> produced: the settings file, the environment file (created with mode 600 on Unix,
/// never readable by others even for a moment), the master key file when one was asked for, and the settings schema
/// beside the settings file when the release ships it beside the executable.</summary>
internal static class SetupFiles
{
    /// <summary>Refuses to replace existing files without <c>--force</c> (or, interactively, a yes).</summary>
    public static void EnsureFree(Prompter ask, InitArguments args)
    {
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(args);
        var existing = new[] { args.SettingsPath, args.EnvPath }.Where(File.Exists).ToList();
        if (existing.Count == 0 || args.Force)
        {
            return;
        }

        if (!ask.Interactive || !ask.Confirm($"{string.Join(" and ", existing)} exist{(existing.Count == 1 ? "s" : "")}. Replace?", null, false))
        {
            throw new SetupAbortedException($"{string.Join(" and ", existing)} already exist{(existing.Count == 1 ? "s" : "")}: " +
                "pass --force to replace, or --output and --env-file to write elsewhere.");
        }
    }

    /// <returns>Whether the settings schema was copied beside the settings file.</returns>
    public static bool Write(InitArguments args, SetupAnswers answers, string settings, string environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(answers);
        Directory.CreateDirectory(Path.GetDirectoryName(args.SettingsPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(args.EnvPath)!);
        WritePrivate(args.EnvPath, environment);
        File.WriteAllText(args.SettingsPath, settings);
        if (answers.KeyFile is { } keyFile)
        {
            Security.MasterKeyLoader.EnsureKeyFile(keyFile);
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, SettingsDocument.SchemaFileName);
        var beside = Path.Combine(Path.GetDirectoryName(args.SettingsPath)!, SettingsDocument.SchemaFileName);
        if (!File.Exists(shipped) || string.Equals(Path.GetFullPath(shipped), Path.GetFullPath(beside), StringComparison.Ordinal))
        {
            return false;
        }

        File.Copy(shipped, beside, overwrite: true);
        return true;
    }

    private static void WritePrivate(string path, string text)
    {
        // Created afresh, so the mode is set at creation (an existing file would keep its own mode).
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        writer.Write(text);
    }
}
