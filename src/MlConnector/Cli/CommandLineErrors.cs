using System.CommandLine;
using System.CommandLine.Parsing;
using MlConnector.Settings;

namespace MlConnector.Cli;

/// <summary>A command line that does not parse: one line per mistake, with a suggestion for a slip, then where to find
/// the usage, and exit 64 (EX_USAGE), as the README promises.</summary>
internal static class CommandLineErrors
{
    /// <summary>Every mistake of the command line, in plain words; none when it parsed.</summary>
    public static IReadOnlyList<string> Find(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var command = parsed.CommandResult.Command;
        var where = PathOf(parsed);
        var unknown = parsed.UnmatchedTokens.Select(token => token.StartsWith('-')
            ? $"'{token}' is not an option of '{where}'{Suggestions.DidYouMean(token, OptionNames(parsed))}"
            : command.Subcommands.Count > 0
                ? $"'{token}' is not a command of '{where}'{Suggestions.DidYouMean(token, command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)))}"
                : $"'{token}' is not an argument of '{where}'").ToList();

        // A slip in a verb also leaves its parent without a command: the slip is the mistake to report.
        return unknown.Count > 0 ? unknown : [.. parsed.Errors.Select(Plain)];
    }

    public static async Task<int> ReportAsync(ParseResult parsed, IEnumerable<string> messages)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await CliConsole.Error.WriteLineAsync($"ml-connector: {message}");
        }

        await CliConsole.Error.WriteLineAsync($"Run '{PathOf(parsed)} --help' for usage.");
        return ExitCodes.Usage;
    }

    /// <summary>A usage mistake found by a verb itself (a rule id that is not configured, options that exclude each other).</summary>
    public static Task<int> ReportAsync(ParseResult parsed, string message) => ReportAsync(parsed, [message]);

    private static string PathOf(ParseResult parsed)
    {
        var names = new List<string>();
        for (SymbolResult? result = parsed.CommandResult; result is CommandResult command; result = command.Parent)
        {
            names.Insert(0, command.Parent is null ? "ml-connector" : command.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static IEnumerable<string> OptionNames(ParseResult parsed)
    {
        var options = new List<Option>();
        for (SymbolResult? result = parsed.CommandResult; result is CommandResult command; result = command.Parent)
        {
            options.AddRange(command.Command.Options.Where(o => o.Recursive || command == parsed.CommandResult));
        }

        return options.SelectMany(o => o.Aliases.Prepend(o.Name));
    }

    // The parser's own words name .NET types ("as expected type 'System.Int64'"); say what is expected instead.
    private static string Plain(ParseError error)
    {
        if (!error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal) || error.SymbolResult is null)
        {
            return error.Message;
        }

        var (name, type) = error.SymbolResult switch
        {
            OptionResult o => (o.Option.Name, o.Option.ValueType),
            ArgumentResult a => (a.Argument.Name, a.Argument.ValueType),
            _ => ("", typeof(string)),
        };
        var given = error.Message.Split('\'') is { Length: >= 3 } parts ? parts[1] : "";
        var element = type.IsArray ? type.GetElementType()! : type;
        return $"{name}: '{given}' is not {SettingValues.Expected(element)}";
    }
}
