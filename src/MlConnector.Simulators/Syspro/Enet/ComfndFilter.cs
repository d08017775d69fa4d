namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>A COMFND Where as a predicate, and what it says about the lowest value of a column in matching rows.</summary>
internal sealed class ComfndFilter
{
    private readonly Func<ComfndBound?, ComfndBound?, ComfndBound?>? _combine;
    private readonly ComfndFilter? _left;
    private readonly ComfndFilter? _right;
    private readonly ComfndBound? _bound;

    private ComfndFilter(Func<object, bool> test, ComfndBound? bound, ComfndFilter? left = null, ComfndFilter? right = null,
        Func<ComfndBound?, ComfndBound?, ComfndBound?>? combine = null)
    {
        Test = test;
        _bound = bound;
        _left = left;
        _right = right;
        _combine = combine;
    }

    public static ComfndFilter All { get; } = new(_ => true, null);

    public Func<object, bool> Test { get; }

    public static ComfndFilter Leaf(Func<object, bool> test, ComfndBound? bound) => new(test, bound);

    /// <summary>Both must hold: the stronger of the two bounds applies.</summary>
    public static ComfndFilter And(ComfndFilter a, ComfndFilter b) =>
        new(row => a.Test(row) && b.Test(row), null, a, b, (x, y) => x is null ? y : y is null ? x : ComfndBound.Higher(x, y));

    /// <summary>Either may hold: a bound applies only when both sides have one, and then the weaker.</summary>
    public static ComfndFilter Or(ComfndFilter a, ComfndFilter b) =>
        new(row => a.Test(row) || b.Test(row), null, a, b, (x, y) => x is null || y is null ? null : ComfndBound.Lower(x, y));

    /// <summary>The lowest value (and whether it is included) that <paramref name="column"/> has in any matching row.</summary>
    public ComfndBound? LowerBound(EnetColumn column) =>
        _combine is null
            ? _bound is { } b && b.Column.Name.Equals(column.Name, StringComparison.OrdinalIgnoreCase) ? b : null
            : _combine(_left!.LowerBound(column), _right!.LowerBound(column));
}

/// <summary>"<see cref="Column"/> is at least (or above, when not inclusive) <see cref="Value"/>", as COMFND compares.</summary>
internal sealed record ComfndBound(EnetColumn Column, string Value, bool Inclusive)
{
    /// <summary>Whether a row's value is at or beyond this bound.</summary>
    public bool Admits(object row) => EnetFormat.Compare(Column, Column.Get(row), Value) is { } c && (Inclusive ? c >= 0 : c > 0);

    public static ComfndBound Higher(ComfndBound a, ComfndBound b) => Order(a, b) >= 0 ? a : b;

    public static ComfndBound Lower(ComfndBound a, ComfndBound b) => Order(a, b) <= 0 ? a : b;

    /// <summary>Compares two bounds on one column: by value, then an exclusive bound is the higher.</summary>
    private static int Order(ComfndBound a, ComfndBound b)
    {
        var c = EnetFormat.CompareLiterals(a.Column, a.Value, b.Value);
        return c != 0 ? c : a.Inclusive == b.Inclusive ? 0 : a.Inclusive ? -1 : 1;
    }
}
