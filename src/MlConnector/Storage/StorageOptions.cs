using System.ComponentModel.DataAnnotations;
using MlConnector.Settings;

namespace MlConnector.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where alerts, rule state and the audit trail are kept (<c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The database engine: Sqlite (an embedded file, nothing to install) or Postgres (several instances
    /// sharing one database).</summary>
    /// <value>The default is Sqlite.</value>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder of the SQLite file ml-connector.db, relative to the working folder unless absolute.</summary>
    /// <value>The default is data.</value>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>
    /// The database connection string. Required for Postgres (Host=db;Database=mlconnector;Username=mlc;Password=...);
    /// for SQLite it may be left empty (the file is {DataFolder}/ml-connector.db). Give it as an environment
    /// variable when it holds a password.
    /// </summary>
    /// <value>The default is empty.</value>
    [Secret]
    public string? ConnectionString { get; set; }

    /// <summary>How long a statement waits for a busy or locked database before failing (1 second to 10 minutes).</summary>
    /// <value>The default is 00:00:30.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
