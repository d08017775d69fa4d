using MlConnector.Recipients;

namespace MlConnector.Rules;

/// <summary>A validated polling rule, ready to run.</summary>
public sealed record RuleDefinition
{
    public required string Id { get; init; }
    public required string Description { get; init; }
    public required string Company { get; init; }
    public required SysproTransport Transport { get; init; }
    public required string Table { get; init; }
    public required IReadOnlyList<string> KeyColumns { get; init; }
    public string? StatusColumn { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Every value the status may take (trimmed; "" is SYSPRO's blank), or null for any.</summary>
    public IReadOnlySet<string>? Statuses { get; init; }

    /// <summary>Above this share of a read's rows with an unknown status, the poll fails.</summary>
    public double MaxUnknownStatusShare { get; init; } = 0.1;

    /// <summary>A read changing more than this share of the remembered records waits for the next poll to confirm it.</summary>
    public double ConfirmChangeShare { get; init; } = 0.5;

    /// <summary>A missing record is forgotten after this many complete reads without it...</summary>
    public int ForgetMissingAfterReads { get; init; } = 3;

    /// <summary>...and this much time since it went missing.</summary>
    public TimeSpan ForgetMissingAfter { get; init; } = TimeSpan.FromDays(1);
    public required IReadOnlyList<TransitionSpec> Transitions { get; init; }
    public required IReadOnlyList<FilterCondition> Filter { get; init; }
    public required WatermarkKind Watermark { get; init; }
    public string? WatermarkColumn { get; init; }
    public required TimeSpan WatermarkOverlap { get; init; }

    /// <summary>The rowversion column a rule without a watermark reads its changes by (null: none, or SYSPRO lacks
    /// it); never part of <see cref="SelectedColumns"/>, so a record's fingerprint is the same however it was read.</summary>
    public string? RowVersionColumn { get; init; }

    /// <summary>How often such a rule reads its whole working set anyway; null: <c>Polling:FullReadEvery</c>.</summary>
    public TimeSpan? FullReadEvery { get; init; }
    public required TimeSpan Cadence { get; init; }
    public TimeSpan? Backfill { get; init; }
    public required IReadOnlyList<string> Enrich { get; init; }

    /// <summary>The name of the split (<see cref="RuleSplits"/>) that turns each event into one per group of detail
    /// lines, or null.</summary>
    public string? Split { get; init; }
    public required string Template { get; init; }
    public required RecipientRuleOptions Recipients { get; init; }

    /// <summary>More alerts than this from one poll are held, not queued (0: never).</summary>
    public int HoldAbove { get; init; } = RuleCatalog.DefaultHoldAbove;

    /// <summary>Two-way texts (reply OK, escalation, reminders), or null for one-way texts.</summary>
    public AcknowledgePolicy? Acknowledge { get; init; }

    /// <summary>Texts that ignore the recipients' quiet hours.</summary>
    public bool Urgent { get; init; }

    /// <summary>When the rule's recipients are called, or null for never.</summary>
    public VoicePolicy? Voice { get; init; }

    /// <summary>Every column the source reads: keys, status, watermark and template columns, without repeats.</summary>
    public IReadOnlyList<string> SelectedColumns =>
        KeyColumns
            .Concat(StatusColumn is null ? [] : [StatusColumn])
            .Concat(WatermarkColumn is null ? [] : [WatermarkColumn])
            .Concat(Columns)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}

/// <summary>A status change that fires: From null means any value (a new record included); IsNew means a record
/// not seen before.</summary>
public sealed record TransitionSpec(string? From, string? To, bool IsNew)
{
    public static bool TryParse(string text, out TransitionSpec spec)
    {
        spec = null!;
        var trimmed = text.Trim();
        if (trimmed.Equals("new", StringComparison.OrdinalIgnoreCase))
        {
            spec = new TransitionSpec(null, null, IsNew: true);
            return true;
        }

        var arrow = trimmed.IndexOf("->", StringComparison.Ordinal);
        if (arrow < 0)
        {
            return false;
        }

        var from = trimmed[..arrow].Trim();
        var to = trimmed[(arrow + 2)..].Trim();
        if (to.Length == 0 || from.Length == 0)
        {
            return false;
        }

        spec = new TransitionSpec(IsAny(from) ? null : Unquote(from), IsAny(to) ? null : Unquote(to), IsNew: false);
        return true;
    }

    /// <summary>Whether a record moving from <paramref name="from"/> (null: not seen before) to
    /// <paramref name="to"/> fires this transition.</summary>
    public bool Matches(string? from, string? to, bool isNewRecord)
    {
        if (IsNew)
        {
            return isNewRecord;
        }

        if (To is not null && !string.Equals(To, to, StringComparison.Ordinal))
        {
            return false;
        }

        if (isNewRecord)
        {
            return From is null;
        }

        return (From is null || string.Equals(From, from, StringComparison.Ordinal)) && !string.Equals(from, to, StringComparison.Ordinal);
    }

    public override string ToString() => IsNew ? "new" : $"{From ?? "*"}->{To ?? "*"}";

    private static bool IsAny(string value) => value is "*" or "any";

    // A status of '*' (cancelled) is written quoted: "'*'".
    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;
}

public enum FilterOperator
{
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
}

/// <summary>One condition of a working-set filter, e.g. <c>OrderStatus in 0,1,4</c>.</summary>
public sealed record FilterCondition(string Column, FilterOperator Operator, IReadOnlyList<string> Values)
{
    public static bool TryParse(string text, out FilterCondition condition)
    {
        condition = null!;
        var parts = text.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !Enum.TryParse<FilterOperator>(parts[1], ignoreCase: true, out var op))
        {
            return false;
        }

        var values = op == FilterOperator.In
            ? parts[2].Split(',').Select(v => v.Trim()).ToList()
            : [parts[2].Trim()];
        condition = new FilterCondition(parts[0], op, values.Select(Unquote).ToList());
        return true;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1].Replace("''", "'", StringComparison.Ordinal) : value;
}
