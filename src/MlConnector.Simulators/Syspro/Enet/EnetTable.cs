using System.Reflection;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>A table as COMFND and COMFCH see it: columns in SYSPRO order, key columns and the current rows.</summary>
internal sealed class EnetTable(
    string name, IReadOnlyList<EnetColumn> columns, IReadOnlyList<string> keyColumns, Func<IReadOnlyList<object>> rows)
{
    private readonly Dictionary<string, EnetColumn> _byName =
        columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;

    public IReadOnlyList<EnetColumn> Columns { get; } = columns;

    public IReadOnlyList<string> KeyColumns { get; } = keyColumns;

    public IReadOnlyList<object> Rows() => rows();

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
        return new EnetTable(table.Name, columns, keys, table.Snapshot);
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
        return new EnetColumn(property.Name, kind, precision, scale, property.GetValue);
    }
}
