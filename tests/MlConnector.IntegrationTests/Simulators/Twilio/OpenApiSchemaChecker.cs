using System.Text.Json;
using System.Text.RegularExpressions;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.0 schema of specs/twilio_api_v2010.json: type, nullable, pattern,
/// min/maxLength, enum (through $ref), the RFC 2822 date format, and that the object has exactly the schema's
/// properties. Written here because OpenAPI's "nullable" is not JSON Schema, so JSON Schema validators misread it.
/// </summary>
internal sealed partial class OpenApiSchemaChecker(JsonElement components)
{
    public static OpenApiSchemaChecker LoadTwilioSpec(out JsonDocument document)
    {
        var path = RepositoryPaths.Spec("twilio_api_v2010.json");
        document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new OpenApiSchemaChecker(document.RootElement.GetProperty("components"));
    }

    public JsonElement Schema(string name) => components.GetProperty("schemas").GetProperty(name);

    public List<string> Check(JsonElement value, JsonElement schema, string at = "$")
    {
        var errors = new List<string>();
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Check(value, Schema(reference.GetString()!.Split('/')[^1]), at);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out var n) && n.GetBoolean()))
            {
                errors.Add($"{at}: null but not nullable");
            }

            return errors;
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        var kindOk = type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            _ => true,
        };
        if (!kindOk)
        {
            errors.Add($"{at}: expected {type}, got {value.ValueKind}");
            return errors;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            CheckString(value.GetString()!, schema, at, errors);
        }

        if (type == "object" && schema.TryGetProperty("properties", out var properties))
        {
            foreach (var p in properties.EnumerateObject())
            {
                if (value.TryGetProperty(p.Name, out var child))
                {
                    errors.AddRange(Check(child, p.Value, $"{at}.{p.Name}"));
                }
                else
                {
                    errors.Add($"{at}.{p.Name}: missing");
                }
            }

            errors.AddRange(value.EnumerateObject().Where(p => !properties.TryGetProperty(p.Name, out _))
                .Select(p => $"{at}.{p.Name}: not in the schema"));
        }

        return errors;
    }

    private static void CheckString(string s, JsonElement schema, string at, List<string> errors)
    {
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(s, pattern.GetString()!))
        {
            errors.Add($"{at}: '{s}' does not match {pattern.GetString()}");
        }

        if (schema.TryGetProperty("minLength", out var min) && s.Length < min.GetInt32())
        {
            errors.Add($"{at}: shorter than {min.GetInt32()}");
        }

        if (schema.TryGetProperty("maxLength", out var max) && s.Length > max.GetInt32())
        {
            errors.Add($"{at}: longer than {max.GetInt32()}");
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == s))
        {
            errors.Add($"{at}: '{s}' not in the enum");
        }

        if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time-rfc-2822" && !Rfc2822().IsMatch(s))
        {
            errors.Add($"{at}: '{s}' is not an RFC 2822 date");
        }
    }

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$")]
    private static partial Regex Rfc2822();
}
