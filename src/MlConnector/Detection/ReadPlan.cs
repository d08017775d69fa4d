namespace MlConnector.Detection;

/// <summary>
/// What one poll of a rule without a watermark reads. <paramref name="RowVersionColumn"/> null: the whole working set,
/// ordered by key (the snapshot diff). Otherwise ordered by that rowversion column and paged by it, so a row changed
/// while the pages are read comes again at the end with its new rowversion; <paramref name="Full"/> says whether the
/// whole working set is read, or only its rows whose rowversion passed the rule's.
/// </summary>
public sealed record ReadPlan(string? RowVersionColumn, bool Full)
{
    /// <summary>The whole working set by key, as before rowversion reads (and where a table cannot be read by one).</summary>
    public static ReadPlan WholeWorkingSet { get; } = new(null, true);

    /// <summary>Only the rows changed since the rule's rowversion.</summary>
    public bool ChangesOnly => RowVersionColumn is not null && !Full;
}
