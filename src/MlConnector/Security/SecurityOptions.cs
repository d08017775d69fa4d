namespace MlConnector.Security;

/// <summary>Where the master key for encryption at rest comes from.</summary>
/// <remarks>
/// The key itself is never a setting: it comes from the <c>MLC_MASTER_KEY</c> environment variable (base64, 32 bytes)
/// or from <see cref="KeyFile"/>, a file that must live outside the data folder so a copied database is useless alone.
/// </remarks>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Path of a file holding the base64 master key, outside the data folder; used when MLC_MASTER_KEY is not
    /// set.</summary>
    /// <value>The default is none: the key must come from MLC_MASTER_KEY.</value>
    public string? KeyFile { get; set; }
}
