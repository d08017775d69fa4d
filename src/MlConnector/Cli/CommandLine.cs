using System.CommandLine;

namespace MlConnector.Cli;

/// <summary>Runs the command line: host settings taken out, the verbs parsed, every mistake reported with its exit
/// code (<see cref="CommandLineErrors"/>), then the verb. Tests call it in-process with writers of their own.</summary>
public static class CommandLine
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (commandLine, hostSettings, problems) = HostSettingTokens.Split(args);
        CliConsole.Begin(output, error, hostSettings);
        var parsed = Verbs.Root().Parse(commandLine);
        var mistakes = problems.Count > 0 ? problems : CommandLineErrors.Find(parsed);
        if (mistakes.Count > 0)
        {
            return await CommandLineErrors.ReportAsync(parsed, mistakes);
        }

        // The host handles Ctrl+C and SIGTERM itself (graceful shutdown), so the command line library must not.
        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            ProcessTerminationTimeout = null,
            Output = CliConsole.Out,
            Error = CliConsole.Error,
        }, cancellationToken);
    }
}
