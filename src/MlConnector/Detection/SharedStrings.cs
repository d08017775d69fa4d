namespace MlConnector.Detection;

/// <summary>One string per distinct value: a rule has a handful of statuses and dates and many thousands of records,
/// so a loaded snapshot and a read's changes keep one copy of each value, not one a record.</summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>The shared string equal to <paramref name="value"/>. <paramref name="whole"/>, when it is that value
    /// already, becomes the shared copy instead of a new string.</summary>
    public string Of(ReadOnlySpan<char> value, string? whole = null)
    {
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(value, out var shared))
        {
            shared = whole is not null && whole.AsSpan().SequenceEqual(value) ? whole : value.ToString();
            _values[shared] = shared;
        }

        return shared;
    }
}
