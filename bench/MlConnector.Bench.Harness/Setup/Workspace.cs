namespace MlConnector.Bench.Harness.Setup;

/// <summary>
/// Where things live: the repository (found from this program's folder upwards), and the scratch folder that holds
/// everything a bench tool downloads, builds or writes (default <c>artifacts/NAME</c>, which git ignores).
/// </summary>
public sealed class Workspace
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

    public string ResultsFolder => Path.Combine(Scratch, "results");

    public static Workspace Locate(string? scratch, string defaultName)
    {
        var repository = FindRepository(AppContext.BaseDirectory) ?? FindRepository(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("Run the bench tool from inside the ml-connector repository (MlConnector.slnx not found).");
        var folder = Path.GetFullPath(scratch ?? Path.Combine(repository, "artifacts", defaultName));
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
