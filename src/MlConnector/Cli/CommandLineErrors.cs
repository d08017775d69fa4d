using System.CommandLine;
using System.CommandLine.Parsing;

namespace MlConnector.Cli;

/// <summary>A command line that does not parse: say what is wrong and exit 64 (EX_USAGE), as the README promises.</summary>
internal static class CommandLineErrors
{
    public static async Task<int> ReportAsync(ParseResult parsed, IEnumerable<string>? messages = null)
    {
        foreach (var message in messages ?? parsed.Errors.Select(e => e.Message))
        {
            await Console.Error.WriteLineAsync($"ml-connector: {message}");
        }

        var names = new List<string>();
        for (SymbolResult? result = parsed.CommandResult; result is CommandResult command; result = command.Parent)
        {
            names.Insert(0, command.Parent is null ? "ml-connector" : command.Command.Name);
        }

        await Console.Error.WriteLineAsync($"Run '{string.Join(' ', names)} --help' for usage.");
        return ExitCodes.Usage;
    }

    /// <summary>With no verb the root runs the service and passes the rest to the host (--urls=..., Key=Value), so a
    /// mistyped verb would start the service: a bare word that is not a host setting is refused instead.</summary>
    public static string? UnknownVerb(ParseResult parsed) =>
        parsed.CommandResult.Parent is null && parsed.UnmatchedTokens.Count > 0 && parsed.UnmatchedTokens[0] is { } first
            && !first.StartsWith('-') && !first.Contains('=', StringComparison.Ordinal)
            ? $"'{first}' is not a command."
            : null;
}
