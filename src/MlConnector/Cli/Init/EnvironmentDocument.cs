using System.Globalization;
using System.Text;
using MlConnector.Hosting;

namespace MlConnector.Cli.Init;

/// <summary>
/// The environment file <c>init</c> writes for the secrets: <c>MLC_Section__Key="value"</c> lines that both a POSIX
/// shell (<c>set -a; . ./file</c>) and systemd's <c>EnvironmentFile=</c> read the same way: double quotes, with
/// <c>\</c>, <c>"</c>, <c>$</c> and <c>`</c> escaped by a backslash (both unescape exactly these).
/// </summary>
internal static class EnvironmentDocument
{
    public const string MasterKeyVariable = "MLC_MASTER_KEY";

    public static string Render(SetupAnswers answers, string settingsFileName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# ml-connector secrets for {settingsFileName}, written by `ml-connector init` on {now:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine("# Keep this file readable only by the service account (mode 600); never put these values in the settings file.");
        text.AppendLine("# systemd: EnvironmentFile=/path/to/this/file in the unit. A shell: set -a; . ./this-file; set +a");
        text.AppendLine("# A Windows service: set each as the service's own environment (README, \"Before you start\").");
        if (answers.MasterKey is { } key)
        {
            text.AppendLine("# The master key encrypts phones and texts at rest: keep a copy apart from the data; without it they cannot be read.");
            text.AppendLine(Line(MasterKeyVariable, key));
        }

        foreach (var (setting, value) in answers.Secrets())
        {
            text.AppendLine(Line(VariableOf(setting), value));
        }

        return text.ToString();
    }

    /// <summary>The environment variable of a setting: <c>Twilio:AuthToken</c> is <c>MLC_Twilio__AuthToken</c>.</summary>
    public static string VariableOf(string setting) =>
        HostingExtensions.EnvironmentPrefix + setting.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Reads the file back (what a shell or systemd would set), for tests and for a second run of init.</summary>
    public static Dictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..];
            variables[line[..equals]] = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? Unescape(value[1..^1]) : value;
        }

        return variables;
    }

    private static string Line(string variable, string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            throw new SetupUsageException($"{variable}: a value on several lines cannot go into an environment file.");
        }

        var escaped = new StringBuilder();
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '$' or '`')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return $"{variable}=\"{escaped}\"";
    }

    private static string Unescape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is '\\' or '"' or '$' or '`')
            {
                i++;
            }

            text.Append(value[i]);
        }

        return text.ToString();
    }
}
