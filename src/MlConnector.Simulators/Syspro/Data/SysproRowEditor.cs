using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// Copies an immutable row with some columns set from text, as a test or the control API asks: the SQL UPDATE the
/// simulator's named business changes do not cover (a status moved between page requests, a value made odd).
/// </summary>
internal static class SysproRowEditor
{
    public static object With(object row, IReadOnlyDictionary<string, string?> values)
    {
        var type = row.GetType();
        var copy = type.GetMethod("<Clone>$")?.Invoke(row, null)
            ?? throw new InvalidOperationException($"Rows of {type.Name} cannot be edited.");
        foreach (var (name, text) in values)
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                ?? throw new KeyNotFoundException($"Table {type.Name} has no column {name}.");
            if (property.IsDefined(typeof(KeyAttribute)))
            {
                throw new InvalidOperationException($"{type.Name}.{property.Name} is a key column; keys do not change.");
            }

            property.SetValue(copy, Parse(property, text));
        }

        return copy;
    }

    private static object? Parse(PropertyInfo property, string? text)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (text is null)
        {
            return type == typeof(string) || Nullable.GetUnderlyingType(property.PropertyType) is not null
                ? null
                : throw new InvalidOperationException($"Column {property.Name} cannot be null.");
        }

        try
        {
            return type switch
            {
                _ when type == typeof(string) => text,
                _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                _ => Convert.ChangeType(text, type, CultureInfo.InvariantCulture),
            };
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"'{text}' is not a value of column {property.Name} ({type.Name}).", ex);
        }
    }
}
