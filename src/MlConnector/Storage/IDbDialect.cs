using System.Data.Common;

namespace MlConnector.Storage;

/// <summary>What differs between the supported databases; everything else is shared SQL.</summary>
public interface IDbDialect
{
    StorageProvider Provider { get; }

    /// <summary>A description of the database for logs and errors, without passwords.</summary>
    string Describe();

    /// <summary>Opens a connection configured for this engine (pragmas, timeouts).</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Creates the database if needed and applies pending migration scripts.</summary>
    MigrationResult Migrate();
}

public sealed record MigrationResult(IReadOnlyList<string> Applied);
