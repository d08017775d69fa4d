using System.Globalization;

namespace MlConnector.Syspro;

/// <summary>Normalises values so both transports yield the same text: numbers without padding or trailing zeros,
/// no-date markers as null, text (keys above all) verbatim.</summary>
internal static class SysproValues
{
    public const string NoDate = "0000-00-00";

    /// <summary>An e.net value read as its column's kind; null with <paramref name="problem"/> set when it does not fit.</summary>
    public static string? FromEnet(string raw, SysproColumnKind kind, out string? problem)
    {
        problem = null;
        var trimmed = raw.Trim();
        switch (kind)
        {
            case SysproColumnKind.Text:
                return raw;
            case SysproColumnKind.Number when TryNumber(trimmed, out var number):
                return number;
            case SysproColumnKind.Number:
                problem = $"'{raw}' is not a number";
                return null;
            case SysproColumnKind.Date when trimmed.Length == 0 || trimmed == NoDate:
                return null;
            case SysproColumnKind.Date when DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                return trimmed;
            case SysproColumnKind.Date:
                problem = $"'{raw}' is not a date (yyyy-MM-dd)";
                return null;
            case SysproColumnKind.RowVersion when RowVersion.TryParse(trimmed, out var version):
                return version.ToString();
            case SysproColumnKind.RowVersion when trimmed.Length == 0:
                return null;
            case SysproColumnKind.RowVersion:
                problem = $"'{raw}' is not a rowversion (a number, 0x and hex digits, or base64)";
                return null;
            default:
                // Not catalogued: e.net right-aligns numbers in a fixed width ("    12.50000"); anything else is kept.
                return trimmed == NoDate ? null : raw.StartsWith(' ') && TryNumber(trimmed, out var n) ? n : raw;
        }
    }

    public static string Number(string text) => TryNumber(text, out var number) ? number : text;

    private static bool TryNumber(string text, out string number)
    {
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            number = value.ToString("0.##########", CultureInfo.InvariantCulture);
            return true;
        }

        number = text;
        return false;
    }
}
