namespace MlConnector.Cli.Init;

/// <summary>
/// Who gets the texts: the people (phones normalised to E.164 with the directory's region, groups), routes from SYSPRO
/// codes to them, and for each chosen preset its recipients. Options: <c>--person ID:NAME:PHONE[:GROUP,GROUP]</c>,
/// <c>--route COLUMN:CODE=TARGET</c>, <c>--preset ID=TARGET,TARGET</c> (a person id, a group, or route:COLUMN).
/// </summary>
internal static class RecipientStep
{
    public static void Run(Prompter ask, InitArguments args, SetupAnswers a, IReadOnlyList<string> presets)
    {
        ask.Say("");
        ask.Say("People who get texts, and groups of them.");
        a.Region = ask.Ask("Region of numbers written without a country code", args.Region,
            "--region", "US", check: AnswerChecks.Region)!;
        if (args.People.Count > 0)
        {
            a.People.AddRange(args.People.Select(p => ParsePerson(p, a.Region)));
        }
        else
        {
            AskPeople(ask, a);
        }

        foreach (var person in a.People)
        {
            ask.Say($"  {person.Id}: {person.Name}, {person.Phone}{(person.Groups.Count > 0 ? ", in " + string.Join(", ", person.Groups) : "")}");
        }

        a.Routes.AddRange(args.Routes.Select(ParseRoute));
        while (ask.Interactive && args.Routes.Count == 0 && ask.Ask("Route a SYSPRO code to a person or group, e.g. Buyer:B01=jane " +
            "(Enter when done)", null, "--route", "", required: false, check: RouteCheck(a)) is { Length: > 0 } route)
        {
            a.Routes.Add(ParseRoute(route));
        }

        var given = args.Presets.Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1], StringComparer.OrdinalIgnoreCase);
        foreach (var preset in presets)
        {
            var targets = ask.Ask($"Who gets the {preset} texts? (people, groups or route:COLUMN; comma-separated)",
                given.GetValueOrDefault(preset), $"--preset {preset}=WHO", check: TargetsCheck(a));
            a.Presets.Add(new PresetAnswer(preset, targets!.Split(',')));
        }
    }

    private static void AskPeople(Prompter ask, SetupAnswers a)
    {
        if (!ask.Interactive)
        {
            throw new SetupUsageException("--person is required with --yes (e.g. --person \"jane:Jane Doe:+1 555 010 0001:approvers\").");
        }

        while (ask.Ask("Person id, e.g. jane (Enter when done)", null, "--person", a.People.Count > 0 ? "" : null,
            check: text => a.People.Any(p => p.Id.Equals(text, StringComparison.OrdinalIgnoreCase))
                ? (null, "is already a person") : AnswerChecks.Name(text)) is { Length: > 0 } id)
        {
            var name = ask.Ask("  Name", null, "--person", id)!;
            var phone = ask.Ask("  Mobile number", null, "--person", check: AnswerChecks.Phone(a.Region))!;
            var groups = ask.Ask("  Groups (comma-separated)", null, "--person", "", required: false, check: NamesCheck) ?? "";
            a.People.Add(new PersonAnswer(id, name, phone, Split(groups)));
        }
    }

    private static PersonAnswer ParsePerson(string text, string region)
    {
        var parts = text.Split(':');
        if (parts.Length is < 3 or > 4)
        {
            throw new SetupUsageException($"--person: '{text}' is not ID:NAME:PHONE[:GROUP,GROUP] (e.g. \"jane:Jane Doe:+1 555 010 0001:approvers\").");
        }

        var id = AnswerChecks.Name(parts[0].Trim());
        var phone = AnswerChecks.Phone(region)(parts[2].Trim());
        var groups = parts.Length == 4 ? NamesCheck(parts[3]) : ("", null);
        if ((id.Error ?? phone.Error ?? groups.Error) is { } error)
        {
            throw new SetupUsageException($"--person: '{text}': {(id.Error is not null ? "the id" : phone.Error is not null ? "the phone" : "a group")} {error}");
        }

        return new PersonAnswer(id.Value!, parts[1].Trim().Length > 0 ? parts[1].Trim() : id.Value!, phone.Value!, Split(groups.Value!));
    }

    private static RouteAnswer ParseRoute(string text)
    {
        var (column, rest) = (text.Split(':', 2)[0].Trim(), text.Contains(':', StringComparison.Ordinal) ? text.Split(':', 2)[1] : "");
        var (code, target) = (rest.Split('=', 2)[0].Trim(), rest.Contains('=', StringComparison.Ordinal) ? rest.Split('=', 2)[1].Trim() : "");
        return column.Length > 0 && code.Length > 0 && target.Length > 0
            ? new RouteAnswer(column, code, target)
            : throw new SetupUsageException($"--route: '{text}' is not COLUMN:CODE=TARGET (e.g. Buyer:B01=jane).");
    }

    private static Func<string, (string? Value, string? Error)> RouteCheck(SetupAnswers a) => text =>
    {
        var parts = text.Split([':', '='], 3);
        return parts.Length != 3 || parts.Any(p => p.Trim().Length == 0) ? (null, "is not COLUMN:CODE=TARGET, e.g. Buyer:B01=jane")
            : IsPersonOrGroup(a, parts[2].Trim()) ? (text, null)
            : (null, $"routes to '{parts[2].Trim()}', who is neither a person nor a group");
    };

    private static Func<string, (string? Value, string? Error)> TargetsCheck(SetupAnswers a) => text =>
    {
        var targets = Split(text);
        if (targets.Count == 0)
        {
            return (null, "names nobody");
        }

        foreach (var target in targets)
        {
            if (target.StartsWith(PresetAnswer.RoutePrefix, StringComparison.OrdinalIgnoreCase))
            {
                var column = target[PresetAnswer.RoutePrefix.Length..];
                if (!a.Routes.Any(r => r.Column.Equals(column, StringComparison.OrdinalIgnoreCase)))
                {
                    return (null, $"routes by {column}, but no route of that column is given (--route {column}:CODE=TARGET)");
                }
            }
            else if (!IsPersonOrGroup(a, target))
            {
                return (null, $"names '{target}', who is neither a person nor a group of the people given");
            }
        }

        return (string.Join(",", targets), null);
    };

    private static bool IsPersonOrGroup(SetupAnswers a, string name) =>
        a.People.Any(p => p.Id.Equals(name, StringComparison.OrdinalIgnoreCase) || p.Groups.Contains(name, StringComparer.OrdinalIgnoreCase));

    private static (string? Value, string? Error) NamesCheck(string text)
    {
        foreach (var name in Split(text))
        {
            if (AnswerChecks.Name(name).Error is { } error)
            {
                return (null, $"'{name}' {error}");
            }
        }

        return (string.Join(",", Split(text)), null);
    }

    private static List<string> Split(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
