using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData.UriParser;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.OData;

/// <summary>
/// Answers a query ordered by the entity's key from the table's key index instead of sorting the whole table:
/// rows start at the lowest key the <c>$filter</c> allows and are read lazily, so a keyset page costs about a page
/// (issue 15). The order is the one <c>$orderby</c> gives (each key column with its default comparer, culture-aware
/// for text) and the bound compares as OData's <c>gt</c> does (<c>string.Compare</c>), so answers are the same.
/// </summary>
internal static class IndexedPaging<T>
    where T : class
{
    private static readonly PropertyInfo[] Keys =
        [.. typeof(T).GetProperties().Where(p => p.IsDefined(typeof(KeyAttribute))).OrderBy(p => p.MetadataToken)];

    private static readonly Func<T, string>? FirstKeyText = Keys[0].PropertyType == typeof(string) ? Getter<string>(Keys[0]) : null;

    // OData's gt on text is string.Compare(a, b) and $orderby's is the default comparer: both the current culture.
    private static readonly Comparer<string> Text = Comparer<string>.Default;

    private static readonly IComparer<T> KeyOrder = Comparer<T>.Create(Compare(Keys.Select(CompareBy).ToArray()));

    /// <summary>The rows to query, in key order from the first one the filter can match; null when not ordered by the key.</summary>
    public static IQueryable<T>? Source(SysproTable<T> table, ODataQueryOptions<T> query)
    {
        var order = query.OrderBy?.OrderByNodes;
        if (order is null || order.Count != Keys.Length || query.Apply is not null
            || !order.Select((node, i) => node is OrderByPropertyNode p && p.Direction == OrderByDirection.Ascending && p.Property.Name == Keys[i].Name).All(ok => ok))
        {
            return null;
        }

        var sorted = table.Sorted("odata", KeyOrder);
        var key = FirstKeyText;
        var bound = key is not null && query.Filter?.FilterClause.Expression is { } filter ? LowerBound(filter, Keys[0].Name) : null;
        var start = bound is { } b ? sorted.First(row => Text.Compare(key!(row), b.Value) is var c && (b.Inclusive ? c >= 0 : c > 0)) : 0;
        return sorted.From(start).AsQueryable();
    }

    /// <summary>The lowest value the filter allows for <paramref name="property"/>: from gt, ge or eq on a text constant, through and/or.</summary>
    private static (string Value, bool Inclusive)? LowerBound(SingleValueNode node, string property)
    {
        if (node is not BinaryOperatorNode binary)
        {
            return null;
        }

        switch (binary.OperatorKind)
        {
            case BinaryOperatorKind.And:
                var (l, r) = (LowerBound(binary.Left, property), LowerBound(binary.Right, property));
                return l is null ? r : r is null ? l : Higher(l.Value, r.Value);
            case BinaryOperatorKind.Or:
                var (a, b) = (LowerBound(binary.Left, property), LowerBound(binary.Right, property));
                return a is null || b is null ? null : Higher(a.Value, b.Value) == a ? b : a;
            case BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equal
                when Property(binary.Left) == property && Unwrap(binary.Right) is ConstantNode { Value: string value }:
                return (value, binary.OperatorKind != BinaryOperatorKind.GreaterThan);
            default:
                return null;
        }
    }

    private static (string Value, bool Inclusive) Higher((string Value, bool Inclusive) a, (string Value, bool Inclusive) b)
    {
        var c = Text.Compare(a.Value, b.Value);
        return c > 0 || (c == 0 && !a.Inclusive) ? a : b;
    }

    private static string? Property(SingleValueNode node) => (Unwrap(node) as SingleValuePropertyAccessNode)?.Property.Name;

    private static SingleValueNode Unwrap(SingleValueNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;

    private static Func<T, TValue> Getter<TValue>(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(T));
        return Expression.Lambda<Func<T, TValue>>(Expression.Property(row, property), row).Compile();
    }

    private static Func<T, T, int> CompareBy(PropertyInfo property) =>
        (Func<T, T, int>)typeof(IndexedPaging<T>).GetMethod(nameof(CompareTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(property.PropertyType).Invoke(null, [property])!;

    private static Func<T, T, int> CompareTyped<TValue>(PropertyInfo property)
    {
        var get = Getter<TValue>(property);
        var comparer = Comparer<TValue>.Default;
        return (x, y) => comparer.Compare(get(x), get(y));
    }

    private static Comparison<T> Compare(Func<T, T, int>[] keys) => (x, y) =>
    {
        foreach (var key in keys)
        {
            var c = key(x, y);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    };
}
