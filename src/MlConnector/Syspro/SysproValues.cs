using System.Globalization;

namespace MlConnector.Syspro;

/// <summary>Normalises values so both transports yield the same text: numbers without padding or trailing zeros,
/// no-date markers as null.</summary>
internal static class SysproValues
{
    public const string NoDate = "0000-00-00";

    public static string? FromEnet(string? raw)
    {
        if (raw is null || raw.Trim() == NoDate)
        {
            return null;
        }

        // e.net right-aligns numbers in a fixed width ("    12.50000"); keys are zero-padded, never space-led.
        return raw.StartsWith(' ') && TryNumber(raw.Trim(), out var number) ? number : raw;
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
