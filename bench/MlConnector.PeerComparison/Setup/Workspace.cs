namespace MlConnector.PeerComparison.Setup;

/// <summary>
/// Where things live: the repository (found from this program's folder upwards), and the scratch folder that holds
/// everything the comparison downloads, builds or writes (default <c>artifacts/peer</c>, which git ignores).
/// </summary>
internal sealed class Workspace
{
    private Workspace(string repository, string scratch)
    {
        Repository = repository;
        Scratch = scratch;
    }

    public string Repository { get; }

    public string Scratch { get; }

    /// <summary>The published ml-connector (Release).</summary>
    public string PublishFolder => Path.Combine(Scratch, "publish");

    public string ConnectorExecutable => Path.Combine(PublishFolder, OperatingSystem.IsWindows() ? "ml-connector.exe" : "ml-connector");

    /// <summary>The npm project Node-RED is installed into (node_modules stays here).</summary>
    public string NodeRedInstall => Path.Combine(Scratch, "node-red");

    public string NodeRedScript => Path.Combine(NodeRedInstall, "node_modules", "node-red", "red.js");

    public string ResultsFolder => Path.Combine(Scratch, "results");

    public static Workspace Locate(string? scratch)
    {
        var repository = FindRepository(AppContext.BaseDirectory) ?? FindRepository(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("Run the comparison from inside the ml-connector repository (MlConnector.slnx not found).");
        var folder = Path.GetFullPath(scratch ?? Path.Combine(repository, "artifacts", "peer"));
        Directory.CreateDirectory(folder);
        return new Workspace(repository, folder);
    }

    /// <summary>A fresh folder for one run's data, settings and logs.</summary>
    public string NewRunFolder(string mode, DateTimeOffset startedAt)
    {
        var folder = Path.Combine(Scratch, "runs", $"{startedAt:yyyyMMdd-HHmmss}-{mode}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string? FindRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlConnector.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
