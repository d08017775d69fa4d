using MlConnector.Recipients;
using MlConnector.Settings;
using MlConnector.Templates;

namespace MlConnector.Rules;

/// <summary>
/// Turns the <c>Rules</c> section (plus the presets it names) into validated rule definitions. Every error names the
/// rule and the field as written in configuration, e.g. <c>Rules:po-submitted:Transitions</c>.
/// </summary>
public static class RuleCatalog
{
    public static readonly string[] KnownEnrichments = [.. RuleFields.ByEnrichment.Keys];

    /// <summary>The alerts one poll may queue before it is held (<c>Rules:{id}:HoldAbove</c>).</summary>
    public const int DefaultHoldAbove = 50;

    /// <summary>The rowversion column of a rule without a Watermark (<c>Rules:{id}:RowVersionColumn</c>).</summary>
    public const string DefaultRowVersionColumn = "TimeStamp";

    /// <summary>The longest <c>FullReadEvery</c>: a rule reads its whole working set at least weekly.</summary>
    public static readonly TimeSpan MaxFullReadEvery = TimeSpan.FromDays(7);

    public static (IReadOnlyList<RuleDefinition> Rules, IReadOnlyList<string> Errors) Build(
        IReadOnlyDictionary<string, RuleOptions> configured,
        Func<string, SysproTransport> defaultTransportOf,
        RecipientDirectory directory,
        TemplateRenderer templates)
    {
        var rules = new List<RuleDefinition>();
        var errors = new List<string>();
        foreach (var (id, options) in configured)
        {
            var path = $"Rules:{id}";
            var presetName = options.Preset ?? (RulePresets.All.ContainsKey(id) ? id : null);
            RuleOptions? preset = null;
            if (presetName is not null && !RulePresets.All.TryGetValue(presetName, out preset))
            {
                errors.Add($"{path}:Preset: there is no preset '{presetName}'" + (Suggestions.Closest(presetName, RulePresets.All.Keys) is { } match
                    ? $"; did you mean '{match}'?"
                    : $" (presets: {string.Join(", ", RulePresets.All.Keys)})."));
                continue;
            }

            var merged = Merge(preset, options);
            if (merged.Enabled == false)
            {
                continue;
            }

            var before = errors.Count;
            var definition = Validate(id, path, merged, defaultTransportOf, errors);
            if (definition is null || errors.Count > before)
            {
                continue;
            }

            if (templates.TryCompile(definition.Template, out var templateError) is false)
            {
                errors.Add($"{path}:Template: {templateError}");
            }
            else
            {
                errors.AddRange(RuleFields.Problems(path, definition, templates.FieldsOf(definition.Template)));
            }

            errors.AddRange(directory.Check(definition.Recipients).Select(e => $"{path}:Recipients: {e}"));
            foreach (var (step, index) in (definition.Acknowledge?.Escalations ?? []).Select((s, i) => (s, i)))
            {
                var stepPath = $"{path}:Acknowledge:Escalate" + string.Concat(Enumerable.Repeat(":Then", index)) + ":To";
                errors.AddRange(directory.Check(step.To).Select(e => $"{stepPath}: {e}"));
            }

            rules.Add(definition);
        }

        foreach (var (person, skipped) in directory.SkippedRules)
        {
            foreach (var rule in skipped.Where(r => !configured.ContainsKey(r)).Order(StringComparer.Ordinal))
            {
                errors.Add($"Directory:People:{person}:SkipRules: there is no rule '{rule}'"
                    + (Suggestions.Closest(rule, configured.Keys) is { } match ? $"; did you mean '{match}'?" : "."));
            }
        }

        return (rules, errors);
    }

    private static RuleDefinition? Validate(string id, string path, RuleOptions o, Func<string, SysproTransport> defaultTransportOf,
        List<string> errors)
    {
        void Require(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors.Add($"{path}:{field}: {message}");
            }
        }

        Require(!string.IsNullOrWhiteSpace(o.Table), "Table", "a table or Business Activity Query is required.");
        Require(o.KeyColumns is { Count: > 0 }, "KeyColumns", "at least one key column is required.");

        var transitions = new List<TransitionSpec>();
        foreach (var text in o.Transitions ?? [])
        {
            if (TransitionSpec.TryParse(text, out var spec))
            {
                transitions.Add(spec);
            }
            else
            {
                errors.Add($"{path}:Transitions: '{text}' is not a transition (write 0->1, *->1 or new).");
            }
        }

        Require(o.Transitions is { Count: > 0 }, "Transitions", "at least one transition is required (0->1, *->1 or new).");
        Require(transitions.All(t => t.IsNew) || !string.IsNullOrWhiteSpace(o.StatusColumn), "StatusColumn",
            "a status column is required for from->to transitions.");

        var filter = new List<FilterCondition>();
        foreach (var text in o.Filter ?? [])
        {
            if (FilterCondition.TryParse(text, out var condition))
            {
                filter.Add(condition);
            }
            else
            {
                errors.Add($"{path}:Filter: '{text}' is not a condition (write Column op value; op is eq, ne, lt, le, gt, ge or in).");
            }
        }

        var watermark = o.Watermark ?? WatermarkKind.None;
        Require(watermark == WatermarkKind.None || !string.IsNullOrWhiteSpace(o.WatermarkColumn), "WatermarkColumn",
            $"a column is required for a {watermark} watermark.");
        CheckRowVersion(o, watermark, Require);
        var cadence = o.Cadence ?? TimeSpan.FromMinutes(5);
        Require(cadence >= TimeSpan.FromSeconds(5) && cadence <= TimeSpan.FromDays(1), "Cadence",
            $"must be between 00:00:05 and 1.00:00:00 (it is {cadence}).");
        var overlap = o.WatermarkOverlap ?? TimeSpan.FromDays(1);
        Require(overlap >= TimeSpan.Zero, "WatermarkOverlap", "must not be negative.");
        foreach (var enrichment in o.Enrich ?? [])
        {
            Require(KnownEnrichments.Contains(enrichment, StringComparer.OrdinalIgnoreCase), "Enrich",
                $"'{enrichment}' is not an enrichment (known: {string.Join(", ", KnownEnrichments)}){Suggestions.DidYouMean(enrichment, KnownEnrichments)}");
        }

        if (o.Split is { } split && !string.IsNullOrWhiteSpace(split))
        {
            if (!RuleSplits.All.TryGetValue(split, out var known))
            {
                errors.Add($"{path}:Split: '{split}' is not a split (known: {string.Join(", ", RuleSplits.All.Keys)}){Suggestions.DidYouMean(split, RuleSplits.All.Keys)}");
            }
            else if (o.KeyColumns is { Count: > 0 } && !o.KeyColumns.Contains(known.JoinColumn, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{path}:Split: {known.Name} reads {known.Table} by {known.JoinColumn}, which must be one of the rule's KeyColumns.");
            }
        }

        var statuses = ParseStatuses(o.Statuses);
        Require(statuses is null || !string.IsNullOrWhiteSpace(o.StatusColumn), "Statuses", "a status domain needs a StatusColumn.");
        foreach (var value in transitions.SelectMany(t => new[] { t.From, t.To }).OfType<string>().Where(v => statuses?.Contains(v) == false))
        {
            errors.Add($"{path}:Statuses: the transition's status '{value}' is not among the statuses ({o.Statuses}).");
        }

        var columns = o.Columns ?? [];
        var unknownShare = o.MaxUnknownStatusShare ?? 0.1;
        Require(unknownShare is >= 0 and <= 1, "MaxUnknownStatusShare", $"must be between 0 and 1 (it is {unknownShare}).");
        var confirmShare = o.ConfirmChangeShare ?? 0.5;
        Require(confirmShare is > 0 and <= 1, "ConfirmChangeShare", $"must be above 0 and at most 1 (it is {confirmShare}).");
        var forgetReads = o.ForgetMissingAfterReads ?? 3;
        Require(forgetReads >= 1, "ForgetMissingAfterReads", $"must be at least 1 (it is {forgetReads}).");
        var forgetAfter = o.ForgetMissingAfter ?? TimeSpan.FromDays(1);
        Require(forgetAfter >= TimeSpan.Zero, "ForgetMissingAfter", "must not be negative.");

        Require(o.HoldAbove is null or >= 0, "HoldAbove", $"must be 0 (never hold) or more (it is {o.HoldAbove}).");
        Require(o.Backfill is null || o.Backfill > TimeSpan.Zero, "Backfill", "must be a positive duration such as 1.00:00:00.");
        Require(!string.IsNullOrWhiteSpace(o.Template), "Template", "an SMS template is required.");
        Require(o.Recipients is not null, "Recipients", "nobody would receive this rule's texts; name People, Groups or RouteBy.");

        var acknowledge = o.Acknowledge is null
            ? null
            : AcknowledgePolicy.From(o.Acknowledge, (key, message) => errors.Add($"{path}:Acknowledge:{key}: {message}"));

        var voice = o.Voice is null
            ? null
            : VoicePolicy.From(o.Voice, o.Acknowledge is not null, (key, message) => errors.Add($"{path}:Voice:{key}: {message}"));

        if (string.IsNullOrWhiteSpace(o.Table) || o.KeyColumns is not { Count: > 0 } || o.Recipients is null || string.IsNullOrWhiteSpace(o.Template))
        {
            return null;
        }

        var company = string.IsNullOrWhiteSpace(o.Company) ? "default" : o.Company;
        return new RuleDefinition
        {
            Id = id,
            Description = o.Description ?? $"{o.Table} {string.Join(", ", transitions)}",
            Company = company,
            Transport = o.Transport ?? defaultTransportOf(company),
            Table = o.Table,
            KeyColumns = o.KeyColumns,
            StatusColumn = string.IsNullOrWhiteSpace(o.StatusColumn) ? null : o.StatusColumn,
            Columns = columns,
            Statuses = statuses,
            MaxUnknownStatusShare = unknownShare,
            ConfirmChangeShare = confirmShare,
            ForgetMissingAfterReads = forgetReads,
            ForgetMissingAfter = forgetAfter,
            Transitions = transitions,
            Filter = filter,
            Watermark = watermark,
            WatermarkColumn = o.WatermarkColumn,
            WatermarkOverlap = overlap,
            RowVersionColumn = watermark == WatermarkKind.None ? o.RowVersionColumn ?? DefaultRowVersionColumn : null,
            FullReadEvery = o.FullReadEvery,
            Cadence = cadence,
            Backfill = o.Backfill,
            Enrich = o.Enrich ?? [],
            Split = string.IsNullOrWhiteSpace(o.Split) ? null : o.Split,
            Template = o.Template,
            Recipients = o.Recipients,
            HoldAbove = o.HoldAbove ?? DefaultHoldAbove,
            Acknowledge = acknowledge,
            Urgent = o.Urgent ?? false,
            Voice = voice,
        };
    }

    private static RuleOptions Merge(RuleOptions? preset, RuleOptions o) => preset is null ? o : new RuleOptions
    {
        Enabled = o.Enabled ?? true,
        Description = o.Description ?? preset.Description,
        Company = o.Company ?? preset.Company,
        Transport = o.Transport ?? preset.Transport,
        Table = o.Table ?? preset.Table,
        KeyColumns = NonEmpty(o.KeyColumns) ?? preset.KeyColumns,
        StatusColumn = o.StatusColumn ?? preset.StatusColumn,
        Columns = NonEmpty(o.Columns) ?? preset.Columns,
        Statuses = o.Statuses ?? preset.Statuses,
        MaxUnknownStatusShare = o.MaxUnknownStatusShare ?? preset.MaxUnknownStatusShare,
        ConfirmChangeShare = o.ConfirmChangeShare ?? preset.ConfirmChangeShare,
        ForgetMissingAfterReads = o.ForgetMissingAfterReads ?? preset.ForgetMissingAfterReads,
        ForgetMissingAfter = o.ForgetMissingAfter ?? preset.ForgetMissingAfter,
        Transitions = NonEmpty(o.Transitions) ?? preset.Transitions,
        Filter = o.Filter ?? preset.Filter,
        Watermark = o.Watermark ?? preset.Watermark,
        WatermarkColumn = o.WatermarkColumn ?? preset.WatermarkColumn,
        WatermarkOverlap = o.WatermarkOverlap ?? preset.WatermarkOverlap,
        RowVersionColumn = o.RowVersionColumn ?? preset.RowVersionColumn,
        FullReadEvery = o.FullReadEvery ?? preset.FullReadEvery,
        Cadence = o.Cadence ?? preset.Cadence,
        Backfill = o.Backfill ?? preset.Backfill,
        Enrich = o.Enrich ?? preset.Enrich,
        Split = o.Split ?? preset.Split,
        Template = string.IsNullOrWhiteSpace(o.Template) ? preset.Template : o.Template,
        Recipients = o.Recipients ?? preset.Recipients,
        HoldAbove = o.HoldAbove ?? preset.HoldAbove,
        Acknowledge = o.Acknowledge ?? preset.Acknowledge,
        Urgent = o.Urgent ?? preset.Urgent,
        Voice = o.Voice ?? preset.Voice,
    };

    private static List<string>? NonEmpty(List<string>? list) => list is { Count: > 0 } ? list : null;

    /// <summary>Reads by rowversion apply to rules that diff their working set (no Watermark).</summary>
    private static void CheckRowVersion(RuleOptions o, WatermarkKind watermark, Action<bool, string, string> require)
    {
        require(o.RowVersionColumn is null || !string.IsNullOrWhiteSpace(o.RowVersionColumn), "RowVersionColumn",
            "must name a column; to read the whole working set at every poll, set FullReadEvery to 00:00:00.");
        require(o.FullReadEvery is null || (o.FullReadEvery >= TimeSpan.Zero && o.FullReadEvery <= MaxFullReadEvery), "FullReadEvery",
            $"must be between 00:00:00 (a whole read at every poll) and {MaxFullReadEvery:c} (it is {o.FullReadEvery}).");
        foreach (var (field, isSet) in new[] { ("RowVersionColumn", o.RowVersionColumn is not null), ("FullReadEvery", o.FullReadEvery is not null) })
        {
            require(!isSet || watermark == WatermarkKind.None, field,
                $"applies only to rules without a Watermark (which diff their working set); this rule reads by its {watermark} watermark.");
        }
    }

    /// <summary><c>0,1,4,9,*</c> or <c>(blank),R,P</c>: the values a status may take, trimmed ("" is blank).</summary>
    public static IReadOnlySet<string>? ParseStatuses(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : text.Split(',').Select(v => v.Trim()).Select(v => v.Equals("(blank)", StringComparison.OrdinalIgnoreCase) ? "" : v)
                .ToHashSet(StringComparer.Ordinal);
}
