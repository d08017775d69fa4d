using System.Text.Json;

namespace MlConnector.Settings;

/// <summary>A settings file that cannot be read: missing, or not JSON (with the line and position of the mistake).</summary>
public sealed class SettingsFileException(string message, Exception? inner = null) : Exception(message, inner)
{
    public static SettingsFileException Missing(string path) =>
        new($"--config: '{path}' does not exist; give the path of a JSON settings file");

    /// <summary>What the configuration library threw for a file that does not parse, said with the file, the line and
    /// the position (both counted from 1), or null when <paramref name="e"/> is not about a settings file.</summary>
    public static SettingsFileException? From(Exception e, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is not InvalidDataException && path is null)
        {
            return null;
        }

        // "Failed to load configuration from file '/x/settings.json'."
        var file = path ?? (e.Message.Split('\'') is { Length: >= 3 } parts ? parts[1] : "a settings file");
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException { LineNumber: { } line } json)
            {
                var what = json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
                return new SettingsFileException(
                    $"{file}: line {line + 1}, position {(json.BytePositionInLine ?? 0) + 1}: is not valid JSON ({what})", e);
            }
        }

        return new SettingsFileException($"{file}: cannot be read ({Innermost(e).Message.TrimEnd('.')})", e);
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
