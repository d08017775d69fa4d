using System.Linq.Expressions;
using System.Reflection;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>A table as COMFND and COMFCH see it: columns in SYSPRO order, key columns and the current rows.</summary>
internal sealed class EnetTable(
    string name, IReadOnlyList<EnetColumn> columns, IReadOnlyList<string> keyColumns, Func<IReadOnlyList<object>> rows,
    Func<ISortedRows<object>>? sortedByKey = null)
{
    private readonly Dictionary<string, EnetColumn> _byName =
        columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;

    public IReadOnlyList<EnetColumn> Columns { get; } = columns;

    public IReadOnlyList<string> KeyColumns { get; } = keyColumns;

    public IReadOnlyList<object> Rows() => rows();

    /// <summary>The rows in key order as COMFND orders them (an index kept across changes), or null when not indexed.</summary>
    public ISortedRows<object>? SortedByKey() => sortedByKey?.Invoke();

    public EnetColumn? Column(string columnName) => _byName.GetValueOrDefault(columnName.Trim());

    /// <summary>
    /// Columns from the public properties of an entity type, in declaration order; <paramref name="hasColumn"/>
    /// leaves out the columns a schema profile hides.
    /// </summary>
    public static EnetTable FromEntity<T>(SysproTable<T> table, Func<string, bool>? hasColumn = null)
        where T : class
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Where(p => hasColumn?.Invoke(p.Name) ?? true)
            .OrderBy(p => p.MetadataToken)
            .ToList();
        var columns = properties.Select(ToColumn).ToList();
        var keys = properties
            .Where(p => p.IsDefined(typeof(System.ComponentModel.DataAnnotations.KeyAttribute)))
            .Select(p => p.Name)
            .ToList();
        var keyColumns = keys.Select(k => properties.First(p => p.Name == k)).Select(ToColumn).ToList();
        var order = Comparer<T>.Create((a, b) => CompareKeys(keyColumns, a, b));
        return new EnetTable(table.Name, columns, keys, table.Snapshot, () => table.Sorted("enet", order));
    }

    /// <summary>A compiled getter: COMFND reads columns of every row it scans, and reflection is slow at a million rows.</summary>
    private static Func<object, object?> Getter(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(object));
        var value = Expression.Property(Expression.Convert(row, property.DeclaringType!), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), row).Compile();
    }

    private static int CompareKeys(List<EnetColumn> keys, object a, object b)
    {
        foreach (var key in keys)
        {
            var c = EnetFormat.CompareValues(key, key.Get(a), key.Get(b));
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static EnetColumn ToColumn(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var sql = property.GetCustomAttribute<SqlDecimalAttribute>();
        var (kind, precision, scale) = type switch
        {
            _ when type == typeof(DateTimeOffset) => (EnetColumnKind.Date, 0, 0),
            _ when type == typeof(long) && property.Name == "TimeStamp" => (EnetColumnKind.Number, 19, 0),
            _ when type == typeof(decimal) => (EnetColumnKind.Number, sql?.Precision ?? 14, sql?.Scale ?? 2),
            _ when type == typeof(int) || type == typeof(long) => (EnetColumnKind.Number, sql?.Precision ?? 10, 0),
            _ => (EnetColumnKind.Text, 0, 0),
        };
        return new EnetColumn(property.Name, kind, precision, scale, Getter(property));
    }
}
