namespace MlConnector.Cli;

/// <summary>
/// Takes the host's settings out of a command line before the verbs parse it: <c>--Section:Key=value</c> (or
/// <c>--Section:Key value</c>) after any verb, and the host's own <c>--environment</c>, <c>--contentRoot</c> and
/// <c>--applicationName</c> (WebApplicationFactory passes those, and a section with no value of its own as
/// <c>--Storage=</c>). Left in, an option taking several values or an
/// optional argument would swallow them (<c>preview --rule X --Syspro:...=v</c>, <c>replay 30 --Storage:...=v</c>).
/// </summary>
internal static class HostSettingTokens
{
    private static readonly string[] HostKeys = ["environment", "contentRoot", "applicationName"];

    public static (string[] CommandLine, string[] HostSettings, IReadOnlyList<string> Problems) Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var commandLine = new List<string>();
        var host = new List<string>();
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                commandLine.AddRange(args.Skip(i));
                break;
            }

            var body = token.StartsWith("--", StringComparison.Ordinal) ? token[2..] : "";
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? body : body[..equals];
            var section = equals == body.Length - 1 && char.IsAsciiLetterUpper(name.FirstOrDefault());
            if (name.Length == 0 || !(section || name.Contains(':', StringComparison.Ordinal) || HostKeys.Contains(name, StringComparer.OrdinalIgnoreCase)))
            {
                commandLine.Add(token);
            }
            else if (equals >= 0)
            {
                host.Add(token);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                host.Add($"--{name}={args[++i]}");
            }
            else
            {
                problems.Add($"--{name}: has no value; write --{name}=VALUE");
            }
        }

        return ([.. commandLine], [.. host], problems);
    }
}
