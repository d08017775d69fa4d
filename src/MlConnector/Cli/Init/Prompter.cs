namespace MlConnector.Cli.Init;

/// <summary>
/// The questions of <c>init</c> over a reader and a writer, so it runs on a terminal, with scripted standard input and
/// in tests alike. An answer given as an option is used without asking. Interactive: an empty line takes the offered
/// default, a bad answer is explained and asked again. Non-interactive (<c>--yes</c>): the option or the default, and a
/// missing required answer is a usage error naming the option.
/// </summary>
internal sealed class Prompter(TextReader input, TextWriter output, bool interactive, bool terminal)
{
    public bool Interactive => interactive;

    public void Say(string line) => output.WriteLine(line);

    /// <param name="question">The question, without a colon.</param>
    /// <param name="given">The option's value: used as the answer without asking.</param>
    /// <param name="option">The option that answers it, named when it is missing or bad.</param>
    /// <param name="fallback">The answer an empty line (or <c>--yes</c>) takes; null when there is none.</param>
    /// <param name="check">Turns the text into the answer, or returns an error in plain words.</param>
    public string? Ask(string question, string? given, string option, string? fallback = null, bool required = true,
        Func<string, (string? Value, string? Error)>? check = null, bool secret = false, bool offer = true)
    {
        check ??= text => (text, null);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var (value, error) = check(given.Trim());
            if (error is null)
            {
                output.WriteLine($"{question}: {(secret ? "(given)" : value)}");
                return value;
            }

            if (!interactive)
            {
                throw new SetupUsageException($"{option}: '{(secret ? "***" : given)}' {error}");
            }

            output.WriteLine($"{option}: {error}");
        }

        if (!interactive)
        {
            return fallback is not null ? check(fallback).Value
                : required ? throw new SetupUsageException($"{option} is required with --yes.") : null;
        }

        while (true)
        {
            var offered = fallback switch
            {
                _ when !offer => "",
                null => "",
                "" when question.Contains("Enter", StringComparison.Ordinal) => "",
                "" => " [Enter for none]",
                _ when secret => " [Enter keeps the current one]",
                _ => $" [{fallback}]",
            };
            output.Write($"{question}{offered}: ");
            var line = secret && terminal ? ReadHidden() : input.ReadLine();
            if (line is null)
            {
                throw new SetupAbortedException($"input ended before '{question}' was answered " +
                    "(to run without questions, give the answers as options with --yes).");
            }

            if (!terminal)
            {
                // Scripted input is not echoed by a terminal: show it, so the transcript reads as a dialogue.
                output.WriteLine(secret && line.Length > 0 ? "***" : line);
            }

            var text = line.Trim();
            if (text.Length == 0)
            {
                if (fallback is not null)
                {
                    return check(fallback).Value;
                }

                if (!required)
                {
                    return null;
                }

                output.WriteLine("  An answer is needed.");
                continue;
            }

            var (value, error) = check(text);
            if (error is null)
            {
                return value;
            }

            output.WriteLine($"  {error}");
        }
    }

    /// <summary>A yes/no question; <paramref name="given"/> (an option) or, with <c>--yes</c>, the default answers it.</summary>
    public bool Confirm(string question, bool? given, bool fallback)
    {
        if (given is { } answer || !interactive)
        {
            var chosen = given ?? fallback;
            output.WriteLine($"{question} {(chosen ? "yes" : "no")}{(given is null ? " (the default with --yes)" : "")}");
            return chosen;
        }

        var answerText = Ask($"{question} ({(fallback ? "Y/n" : "y/N")})", null, "", fallback ? "y" : "n", offer: false, check: text =>
            text.ToUpperInvariant() switch
            {
                "Y" or "YES" => ("y", null),
                "N" or "NO" => ("n", null),
                _ => (null, "answer y or n."),
            });
        return answerText == "y";
    }

    private string? ReadHidden()
    {
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                output.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
