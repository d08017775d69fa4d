namespace MlConnector.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where alerts, rule state and the audit trail are kept.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The database engine.</summary>
    /// <value>The default is <see cref="StorageProvider.Sqlite"/>: an embedded file, nothing to install.</value>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder for the SQLite file, relative to the working folder unless absolute.</summary>
    /// <value>The default is <c>data</c>.</value>
    public string DataFolder { get; set; } = "data";

    /// <summary>
    /// The database connection string. For SQLite it may be left empty (the file is
    /// <c>{DataFolder}/ml-connector.db</c>); for PostgreSQL it is required.
    /// </summary>
    /// <value>The default is empty.</value>
    public string? ConnectionString { get; set; }

    /// <summary>How long a statement waits for a locked database before failing.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
