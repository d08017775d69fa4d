using System.Reflection;

namespace MlConnector.Settings;

/// <summary>How a settings type is written in configuration: a single value, a section of named settings, a list,
/// or a map of entries named by the site (rules, people, companies).</summary>
public enum ShapeKind
{
    Value,
    Section,
    List,
    Map,
}

/// <summary>The shape of one settings type, read from the options classes themselves, so the strict check of the
/// configuration and the JSON Schema of the settings file say the same thing.</summary>
public sealed record SettingShape(ShapeKind Kind, Type Type, Type? Element)
{
    public static SettingShape Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (IsValue(plain))
        {
            return new SettingShape(ShapeKind.Value, plain, null);
        }

        if (Generic(plain, typeof(IDictionary<,>)) is { } dictionary && dictionary.GetGenericArguments()[0] == typeof(string))
        {
            return new SettingShape(ShapeKind.Map, plain, dictionary.GetGenericArguments()[1]);
        }

        if (plain.IsArray)
        {
            return new SettingShape(ShapeKind.List, plain, plain.GetElementType());
        }

        if (Generic(plain, typeof(IList<>)) is { } list)
        {
            return new SettingShape(ShapeKind.List, plain, list.GetGenericArguments()[0]);
        }

        return new SettingShape(ShapeKind.Section, plain, null);
    }

    /// <summary>The settings of a section, in declaration order: public properties the binder can fill.</summary>
    public static IReadOnlyList<PropertyInfo> SettingsOf(Type section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead
                && (p.SetMethod?.IsPublic == true || Of(p.PropertyType).Kind != ShapeKind.Value))
            .OrderBy(p => p.MetadataToken)
            .ToList();
    }

    /// <summary>Whether a setting must never be echoed (passwords, tokens, connection strings).</summary>
    public static bool IsSecret(PropertyInfo? property) => property?.GetCustomAttribute<SecretAttribute>() is not null;

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(Uri) || type == typeof(DateTimeOffset);

    private static Type? Generic(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
