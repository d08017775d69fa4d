using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace MlConnector.Settings;

/// <summary>
/// The JSON Schema (draft 7, which VS Code, Visual Studio and Rider all read) of the settings file, written from the
/// options types themselves: the same shapes the strict check enforces (<see cref="SettingShape"/>), every section
/// closed to unknown keys, enums and <see cref="OneOfAttribute"/> words, duration patterns, ranges of whole numbers,
/// defaults, and the documentation of each setting. Hand-written over reflection rather than by a schema library, so
/// it says exactly what the connector accepts (durations as hh:mm:ss text, URLs with http or https, maps of named
/// entries) and nothing a generic generator would guess.
/// </summary>
public static class SettingsSchema
{
    public const string Draft = "http://json-schema.org/draft-07/schema#";

    /// <summary>The schema's file name where it ships: beside the executable (written by the build, see
    /// MlConnector.csproj) and beside a settings file that <c>init</c> writes.</summary>
    public const string FileName = "ml-connector.settings.schema.json";

    public static JsonObject For(IReadOnlyDictionary<string, Type> sections, XmlDocs docs)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(docs);
        var properties = new JsonObject
        {
            ["$schema"] = Described(new JsonObject { ["type"] = "string" }, "This schema, so an editor completes and checks the file."),
            ["Urls"] = Described(new JsonObject { ["type"] = "string" },
                "Listening addresses, separated by semicolons (also --urls). The default is http://127.0.0.1:5080; http://127.0.0.1:0 picks a free port."),
            ["Logging"] = Described(new JsonObject { ["type"] = "object" }, "Log levels by category (.NET logging), e.g. { \"LogLevel\": { \"Default\": \"Information\" } }."),
            ["Kestrel"] = Described(new JsonObject { ["type"] = "object" }, "The web server's own settings (ASP.NET Core Kestrel): endpoints and certificates."),
            ["AllowedHosts"] = Described(new JsonObject { ["type"] = "string" }, "Host names the service answers to (ASP.NET Core host filtering)."),
        };
        var walk = new Walk(docs);
        foreach (var (name, type) in sections.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            properties[name] = Described(Schema(type, null, name, walk), docs.Of(type));
        }

        var definitions = new JsonObject();
        foreach (var type in walk.Recursive.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            walk.Open.Add(type);
            definitions[type.Name] = Described(Section(type, type.Name, walk, own: true), docs.Of(type));
        }

        var schema = new JsonObject
        {
            ["$schema"] = Draft,
            ["title"] = "ml-connector settings",
            ["description"] = "The settings file of ml-connector (appsettings.json or --config FILE). Generated from the options " +
                "types by the build; passwords and tokens belong in environment variables (MLC_Section__Key), not here.",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        if (definitions.Count > 0)
        {
            schema["definitions"] = definitions;
        }

        return schema;
    }

    /// <summary>The state of one generation: the section types being described (a type met again inside itself, such
    /// as an escalation step's <c>Then</c>, becomes a reference to a definition) and those that need a definition.</summary>
    private sealed class Walk(XmlDocs docs)
    {
        public XmlDocs Docs { get; } = docs;
        public HashSet<Type> Open { get; } = [];
        public HashSet<Type> Recursive { get; } = [];
    }

    private static JsonObject Schema(Type type, PropertyInfo? property, string path, Walk walk)
    {
        var shape = SettingShape.Of(type);
        return shape.Kind switch
        {
            ShapeKind.Value => Value(shape.Type, property),
            ShapeKind.List => new JsonObject { ["type"] = "array", ["items"] = Schema(shape.Element!, property, path + ":0", walk) },
            ShapeKind.Map => new JsonObject { ["type"] = "object", ["additionalProperties"] = Schema(shape.Element!, null, path + ":{id}", walk) },
            _ => Section(shape.Type, path, walk),
        };
    }

    private static JsonObject Section(Type type, string path, Walk walk, bool own = false)
    {
        if (!own && !walk.Open.Add(type))
        {
            walk.Recursive.Add(type);
            return new JsonObject { ["$ref"] = $"#/definitions/{type.Name}" };
        }

        try
        {
            return SectionProperties(type, path, walk);
        }
        finally
        {
            walk.Open.Remove(type);
        }
    }

    private static JsonObject SectionProperties(Type type, string path, Walk walk)
    {
        var docs = walk.Docs;
        var defaults = type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type) : null;
        var properties = new JsonObject();
        foreach (var setting in SettingShape.SettingsOf(type))
        {
            var schema = Schema(setting.PropertyType, setting, $"{path}:{setting.Name}", walk);
            var description = docs.Of(setting);
            if (SettingShape.IsSecret(setting))
            {
                description = $"{description} A secret: give it as the environment variable " +
                    $"{ConnectorEnvironment.Prefix}{path.Replace(":", "__", StringComparison.Ordinal)}__{setting.Name} rather than in this file.".Trim();
            }

            if (defaults is not null && SettingShape.Of(setting.PropertyType).Kind == ShapeKind.Value && Default(setting.GetValue(defaults)) is { } value)
            {
                schema["default"] = value;
            }

            properties[setting.Name] = Described(schema, description);
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
    }

    private static JsonObject Value(Type type, PropertyInfo? property)
    {
        var schema = type switch
        {
            _ when type == typeof(bool) => new JsonObject { ["type"] = "boolean" },
            _ when type == typeof(int) || type == typeof(long) => new JsonObject { ["type"] = "integer" },
            _ when type == typeof(decimal) || type == typeof(double) => new JsonObject { ["type"] = "number" },
            _ when type == typeof(TimeSpan) => new JsonObject { ["type"] = "string", ["pattern"] = SettingValues.DurationPattern },
            _ when type == typeof(Uri) => new JsonObject { ["type"] = "string", ["format"] = "uri", ["pattern"] = "^https?://" },
            _ when type.IsEnum => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Enum.GetNames(type).Select(n => JsonValue.Create(n))]) },
            _ => new JsonObject { ["type"] = "string" },
        };
        if (property?.GetCustomAttribute<OneOfAttribute>() is { } oneOf)
        {
            schema["enum"] = new JsonArray([.. oneOf.Values.Select(v => JsonValue.Create(v))]);
        }

        if (property?.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern)
        {
            schema["pattern"] = pattern.Pattern;
        }

        if (property?.GetCustomAttribute<RangeAttribute>() is { OperandType: var operand } range && operand == typeof(int))
        {
            schema["minimum"] = Convert.ToInt32(range.Minimum, CultureInfo.InvariantCulture);
            schema["maximum"] = Convert.ToInt32(range.Maximum, CultureInfo.InvariantCulture);
        }

        return schema;
    }

    private static JsonValue? Default(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        decimal d => JsonValue.Create(d),
        TimeSpan t => JsonValue.Create(SettingValues.Format(t)),
        Enum e => JsonValue.Create(e.ToString()),
        Uri u => JsonValue.Create(u.ToString()),
        string s => JsonValue.Create(s),
        _ => null,
    };

    private static JsonObject Described(JsonObject schema, string? description)
    {
        if (!string.IsNullOrWhiteSpace(description))
        {
            // Keep "description" first, where an editor's hover shows it.
            var described = new JsonObject { ["description"] = description };
            foreach (var (key, value) in schema.ToList())
            {
                schema.Remove(key);
                described[key] = value;
            }

            return described;
        }

        return schema;
    }
}
