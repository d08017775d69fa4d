using System.Globalization;
using System.Text.Json;

namespace MlConnector.Syspro;

/// <summary>Reads one OData JSON value as its <c>$metadata</c> type says it must be, or says why it does not fit.</summary>
internal static class ODataValues
{
    public static string? Read(JsonElement value, string? edmType, out string? problem)
    {
        problem = null;
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        switch (edmType)
        {
            case null:
                // Not typed by $metadata (an open type's dynamic property): any single value is taken as it is.
                return value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => SysproValues.Number(value.GetRawText()),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => Fail(value, "a single value", out problem),
                };
            case "Edm.String" or "Edm.Guid" or "Edm.Binary":
                return value.ValueKind == JsonValueKind.String ? value.GetString() : Fail(value, $"text ({edmType})", out problem);
            case "Edm.Boolean":
                return value.ValueKind switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => Fail(value, "true or false (Edm.Boolean)", out problem),
                };
            case "Edm.DateTimeOffset":
                return value.ValueKind == JsonValueKind.String
                    && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("O", CultureInfo.InvariantCulture))
                    : Fail(value, "a date (Edm.DateTimeOffset)", out problem);
            case "Edm.Date":
                return value.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? value.GetString()
                    : Fail(value, "a date (Edm.Date)", out problem);
            case "Edm.Int16" or "Edm.Int32" or "Edm.Int64" or "Edm.Byte" or "Edm.SByte" or "Edm.Decimal" or "Edm.Double" or "Edm.Single":
                // A number, or (IEEE754Compatible=true) a number written as a string.
                var text = value.ValueKind switch
                {
                    JsonValueKind.Number => value.GetRawText(),
                    JsonValueKind.String => value.GetString(),
                    _ => null,
                };
                var integral = edmType is not ("Edm.Decimal" or "Edm.Double" or "Edm.Single");
                return text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    && (!integral || number == decimal.Truncate(number))
                    ? SysproValues.Number(text)
                    : Fail(value, integral ? $"a whole number ({edmType})" : $"a number ({edmType})", out problem);
            default:
                return value.ValueKind == JsonValueKind.String ? value.GetString() : SysproValues.Number(value.GetRawText());
        }
    }

    private static string? Fail(JsonElement value, string expected, out string problem)
    {
        var shown = value.GetRawText();
        problem = $"{Describe(value.ValueKind)} {(shown.Length > 40 ? shown[..40] + "..." : shown)} where $metadata says {expected}";
        return null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "the text",
        JsonValueKind.Number => "the number",
        JsonValueKind.True or JsonValueKind.False => "the boolean",
        JsonValueKind.Array => "the array",
        JsonValueKind.Object => "the object",
        _ => "the value",
    };
}
