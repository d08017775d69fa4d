namespace MlConnector.Detection;

/// <summary>A read by rowversion that cannot be one: a row whose rowversion column holds no rowversion, or rowversions
/// that do not rise (see <see cref="ChangeDetection"/>).</summary>
public sealed class RowVersionUnreadableException(string message) : Exception(message);
