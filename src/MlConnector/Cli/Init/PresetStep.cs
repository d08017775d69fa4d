using MlConnector.Rules;

namespace MlConnector.Cli.Init;

/// <summary>Lists the presets with what this SYSPRO lets the connector read for each, and asks which to switch on.</summary>
internal static class PresetStep
{
    public static async Task<IReadOnlyList<string>> RunAsync(Prompter ask, InitArguments args, SetupAnswers a, ISetupChecks checks,
        CancellationToken ct)
    {
        var support = args.SkipChecks
            ? RulePresets.All.Select(p => new PresetSupport(p.Key, p.Value.Description!, p.Value.Table!, true, "not checked")).ToList()
            : await checks.PresetsAsync(a, ct);
        ask.Say("");
        ask.Say($"Presets, and whether this SYSPRO lets the connector read what each needs ({a.Transport}):");
        foreach (var p in support)
        {
            ask.Say($"  {(p.Supported ? "yes" : "no "),-3}  {p.Id,-20} {p.Table,-15} {p.Description} ({p.Note})");
        }

        var usable = support.Where(p => p.Supported).Select(p => p.Id).ToList();
        if (usable.Count == 0)
        {
            throw new SetupAbortedException("this SYSPRO lets the connector read none of the presets' tables: give the operator " +
                "access to them (README, \"Before you start\") and run init again.");
        }

        // On by default: what the service switches on (invoice-posted-gl is off: one posting must not text twice;
        // gl-journal-posted too: every sub-module's journals post, many texts on a busy site).
        var suggested = usable.Where(id => RulePresets.All[id].Enabled != false).ToList();
        var given = args.Presets.Count == 0 ? null : string.Join(",", args.Presets.Select(p => p.Split('=', 2)[0].Trim()));
        var chosen = ask.Ask("Presets to switch on (comma-separated)", given, "--preset", string.Join(",", suggested),
            check: text => Choose(text, support));
        return chosen!.Split(',');
    }

    private static (string? Value, string? Error) Choose(string text, IReadOnlyList<PresetSupport> support)
    {
        var ids = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return (null, "names no preset");
        }

        foreach (var id in ids)
        {
            if (support.FirstOrDefault(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase)) is not { } preset)
            {
                var near = support.Select(p => p.Id).OrderBy(p => Distance(p, id)).First();
                return (null, $"names '{id}', which is not a preset (did you mean {near}?)");
            }

            if (!preset.Supported)
            {
                return (null, $"names {preset.Id}, which this SYSPRO does not let the connector read: {preset.Note}");
            }
        }

        var canonical = ids.Select(id => support.First(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase)).Id).Distinct();
        return (string.Join(",", canonical), null);
    }

    /// <summary>Levenshtein distance, for "did you mean".</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }

        return d[a.Length, b.Length];
    }
}
