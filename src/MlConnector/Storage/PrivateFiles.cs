namespace MlConnector.Storage;

/// <summary>The data folder belongs to the service account alone: on Unix, folders 0700 and files 0600 whatever the
/// umask (on Windows the README restricts the folder with icacls). SQLite creates its -wal and -shm files with the
/// database file's mode, so a 0600 database keeps them private too.</summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and its parents) if missing, and makes it 0700.</summary>
    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
        try
        {
            if (File.GetUnixFileMode(path) != FolderMode)
            {
                File.SetUnixFileMode(path, FolderMode);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // A folder the service account does not own (a site's own choice of place): left as the site set it.
        }
    }

    /// <summary>Creates an empty file 0600 when missing (SQLite takes an empty file for a new database).</summary>
    public static void EnsureFile(string path)
    {
        if (File.Exists(path) || OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance created it first.
        }
    }

    /// <summary>Makes the files that exist 0600 (missing ones are skipped).</summary>
    public static void Restrict(params IEnumerable<string> paths)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in paths)
        {
            try
            {
                if (File.Exists(path) && File.GetUnixFileMode(path) != FileMode)
                {
                    File.SetUnixFileMode(path, FileMode);
                }
            }
            catch (FileNotFoundException)
            {
                // SQLite removed its -wal or -shm file in between.
            }
            catch (UnauthorizedAccessException)
            {
                // A file the service account does not own: left as the site set it.
            }
        }
    }
}
