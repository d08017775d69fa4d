using System.Text.Json;
using System.Text.RegularExpressions;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.0 schema of a Twilio OpenAPI document (specs/twilio_api_v2010.json,
/// specs/twilio_verify_v2.json, ...): type, nullable, pattern, min/maxLength, enum (through $ref), the RFC 2822,
/// ISO 8601 date-time and date formats, and that the object has exactly the schema's properties. Written here
/// because OpenAPI's "nullable" is not JSON Schema, so JSON Schema validators misread it.
/// </summary>
internal sealed partial class OpenApiSchemaChecker(JsonElement root)
{
    public static OpenApiSchemaChecker LoadTwilioSpec(out JsonDocument document) =>
        Load(RepositoryPaths.Spec("twilio_api_v2010.json"), out document);

    public static OpenApiSchemaChecker LoadVerifySpec(out JsonDocument document) =>
        Load(RepositoryPaths.Spec("twilio_verify_v2.json"), out document);

    /// <summary>The Messaging Service schema, extracted from twilio-oai (the full document is not in the shared specs).</summary>
    public static OpenApiSchemaChecker LoadMessagingServiceSpec(out JsonDocument document) =>
        Load(Path.Combine(RepositoryPaths.Root, "tests", "MlConnector.IntegrationTests", "Simulators",
            "Twilio", "Specs", "twilio_messaging_v1.service.json"), out document);

    private static OpenApiSchemaChecker Load(string path, out JsonDocument document)
    {
        document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new OpenApiSchemaChecker(document.RootElement);
    }

    public JsonElement Schema(string name) => root.GetProperty("components").GetProperty("schemas").GetProperty(name);

    /// <summary>The schema of one response, e.g. the list envelope of GET Calls.json.</summary>
    public JsonElement Response(string path, string method, string status = "200") => root.GetProperty("paths")
        .GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status).GetProperty("content")
        .GetProperty("application/json").GetProperty("schema");

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

        if (type == "array" && schema.TryGetProperty("items", out var itemSchema))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                errors.AddRange(Check(item, itemSchema, $"{at}[{i++}]"));
            }
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

        var formatName = schema.TryGetProperty("format", out var format) ? format.GetString() : null;
        if (formatName == "date-time-rfc-2822" && !Rfc2822().IsMatch(s))
        {
            errors.Add($"{at}: '{s}' is not an RFC 2822 date");
        }

        if (formatName == "date-time" && !IsoDateTime().IsMatch(s))
        {
            errors.Add($"{at}: '{s}' is not an ISO 8601 date-time");
        }

        if (formatName == "date" && !IsoDate().IsMatch(s))
        {
            errors.Add($"{at}: '{s}' is not a YYYY-MM-DD date");
        }
    }

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$")]
    private static partial Regex Rfc2822();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();
}
