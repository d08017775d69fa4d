namespace MlConnector.Cli.Init;

/// <summary>Where the data lives and where the master key comes from.</summary>
internal static class StorageStep
{
    public static void Run(Prompter ask, InitArguments args, SetupAnswers a, IReadOnlyDictionary<string, string?> environment)
    {
        ask.Say("");
        a.DataFolder = Path.GetFullPath(ask.Ask("Folder for the connector's database", args.Given.DataFolder, "--data-folder",
            Path.Combine(Path.GetDirectoryName(args.SettingsPath)!, "data"))!);
        a.KeyFile = ask.Ask("Master key file, outside the data folder (Enter: MLC_MASTER_KEY in the environment file)",
            args.Given.KeyFile, "--key-file", "", required: false) is { Length: > 0 } keyFile ? Path.GetFullPath(keyFile) : null;
        if (a.KeyFile is not null)
        {
            return;
        }

        a.MasterKey = environment.GetValueOrDefault(EnvironmentDocument.MasterKeyVariable);
        ask.Say(a.MasterKey is null
            ? "A new master key goes into the environment file: keep a copy apart from the data; without it the stored phones and texts cannot be read."
            : "The master key is MLC_MASTER_KEY of this environment (the database it wrote stays readable).");
        a.MasterKey ??= Security.MasterKey.GenerateBase64();
    }
}
