using System.Globalization;
using System.Reflection;

namespace MlConnector.Settings;

/// <summary>
/// Checks one section of the configuration against its options type before it is bound: every key must be a setting
/// of that type (a slip gets "did you mean"), every value must read as its setting's type, and sections, lists and
/// single values must be written as such (a rule written as a string, <c>Groups</c> written as a string). Each
/// problem names the setting as it is written (<c>Rules:po-submitted:Cadence</c>). The configuration binder alone
/// would skip unknown keys and drop a whole rule whose value does not convert; this is why it is checked by hand.
/// </summary>
public static class SettingsCheck
{
    public static IReadOnlyList<string> Problems(IConfigurationSection section, Type type, string path)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(type);
        var problems = new List<string>();
        Walk(section, SettingShape.Of(type), path, null, problems);
        return problems;
    }

    private static void Walk(IConfigurationSection section, SettingShape shape, string path, PropertyInfo? property, List<string> problems)
    {
        var children = section.GetChildren().ToList();
        switch (shape.Kind)
        {
            case ShapeKind.Value:
                CheckValue(section, shape, path, property, children.Count > 0, problems);
                break;
            case ShapeKind.Section:
                if (children.Count == 0)
                {
                    NotASingleValue(section, path, $"a section of settings such as {Examples(shape.Type)}", problems);
                    break;
                }

                var settings = SettingShape.SettingsOf(shape.Type);
                foreach (var child in children)
                {
                    var setting = settings.FirstOrDefault(p => p.Name.Equals(child.Key, StringComparison.OrdinalIgnoreCase));
                    if (setting is null)
                    {
                        var names = settings.Select(p => p.Name).ToList();
                        problems.Add(Suggestions.Closest(child.Key, names) is { } match
                            ? $"{path}:{child.Key}: is not a setting; did you mean '{match}'?"
                            : $"{path}:{child.Key}: is not a setting of {path} (its settings: {string.Join(", ", names)})");
                        continue;
                    }

                    Walk(child, SettingShape.Of(setting.PropertyType), $"{path}:{child.Key}", setting, problems);
                }

                break;
            case ShapeKind.List:
                if (children.Count == 0)
                {
                    NotASingleValue(section, path, $"a list: [ \"{section.Value}\" ]", problems);
                    break;
                }

                if (children.Any(c => !int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    problems.Add($"{path}: is a section of named settings ({string.Join(", ", children.Select(c => c.Key))}) where a list belongs; write [ ... ]");
                    break;
                }

                var item = SettingShape.Of(shape.Element!);
                foreach (var child in children)
                {
                    Walk(child, item, $"{path}:{child.Key}", property, problems);
                }

                break;
            case ShapeKind.Map:
                if (children.Count == 0)
                {
                    NotASingleValue(section, path, "a section of named entries", problems);
                    break;
                }

                var entry = SettingShape.Of(shape.Element!);
                foreach (var child in children)
                {
                    Walk(child, entry, $"{path}:{child.Key}", null, problems);
                }

                break;
        }
    }

    private static void CheckValue(IConfigurationSection section, SettingShape shape, string path, PropertyInfo? property,
        bool hasChildren, List<string> problems)
    {
        if (hasChildren)
        {
            problems.Add($"{path}: is a section where a single value belongs; write {SettingValues.Expected(shape.Type)}");
            return;
        }

        // Null is "not set" (JSON null, an empty object); empty text is "not set" for what may be left unset.
        if (section.Value is null || (section.Value.Length == 0 && (shape.Type == typeof(string) || IsNullable(property))))
        {
            return;
        }

        var secret = SettingShape.IsSecret(property);
        if (SettingValues.Problem(shape.Type, section.Value, secret) is { } problem)
        {
            problems.Add($"{path}: {problem}");
            return;
        }

        if (property?.GetCustomAttribute<OneOfAttribute>() is { } oneOf
            && !oneOf.Values.Contains(section.Value.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{path}: '{section.Value}' is not {SettingValues.OneOf(oneOf.Values)}{Suggestions.DidYouMean(section.Value, oneOf.Values)}");
        }
    }

    private static void NotASingleValue(IConfigurationSection section, string path, string expected, List<string> problems)
    {
        if (!string.IsNullOrEmpty(section.Value))
        {
            problems.Add($"{path}: '{section.Value}' is a single value; write {expected}");
        }
    }

    private static bool IsNullable(PropertyInfo? property) =>
        property is null || Nullable.GetUnderlyingType(property.PropertyType) is not null || !property.PropertyType.IsValueType;

    private static string Examples(Type type) =>
        string.Join(", ", SettingShape.SettingsOf(type).Take(4).Select(p => p.Name));
}
