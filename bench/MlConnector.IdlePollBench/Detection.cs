namespace MlConnector.IdlePollBench;

/// <summary>How the measured rules find changes: the product's default, or the snapshot diff forced by a rule setting.</summary>
internal sealed record Detection(string Name, IReadOnlyDictionary<string, string?> RuleSettings)
{
    /// <summary>Every poll reads the rule's whole working set and diffs it with the last snapshot.</summary>
    public static Detection SnapshotDiff(IEnumerable<string> rules) =>
        new("snapshot diff", rules.ToDictionary(r => $"Rules:{r}:FullReadEvery", _ => (string?)"00:00:00"));

    /// <summary>The default: a poll reads only the rows whose TimeStamp passed the rule's (the whole set hourly).</summary>
    public static Detection RowVersion() => new("rowversion", new Dictionary<string, string?>());
}
