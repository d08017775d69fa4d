namespace MlConnector.Testing;

/// <summary>Where the repository is (the folder with MlConnector.slnx) and the shared specs beside it, as in CI.</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "MlConnector.slnx")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("MlConnector.slnx not found above the test folder");
        }
    }

    /// <summary>A file or folder under ../shared/specs.</summary>
    public static string Spec(params string[] parts) => Path.GetFullPath(Path.Combine([Root, "..", "shared", "specs", .. parts]));
}
