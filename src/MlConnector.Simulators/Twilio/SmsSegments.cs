namespace MlConnector.Simulators.Twilio;

/// <summary>The character set Twilio picks for an SMS body (specs/twilio.md, section 8).</summary>
public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <summary>How a body is encoded and how many SMS segments it costs.</summary>
/// <param name="Encoding">GSM-7 when every character is in GSM 03.38, otherwise UCS-2.</param>
/// <param name="Units">Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2.</param>
/// <param name="Segments">Segments billed: 160/70 units fit in one, longer bodies are split in 153/67-unit parts.</param>
public readonly record struct SmsSegmentCount(SmsEncoding Encoding, int Units, int Segments);

/// <summary>
/// Pure SMS segment counting shared by the simulator and the connector. A split never cuts a GSM-7 escape pair or a
/// UTF-16 surrogate pair in half, as handsets would show garbage, so such a character moves to the next segment.
/// </summary>
public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[]~|€\f";

    public static bool IsGsm7(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (var c in body)
        {
            if (!Basic.Contains(c, StringComparison.Ordinal) && !Extension.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static SmsSegmentCount Count(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return IsGsm7(body) ? CountGsm7(body) : CountUcs2(body);
    }

    private static SmsSegmentCount CountGsm7(string body)
    {
        var widths = body.Select(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1).ToList();
        var units = widths.Sum();
        return new SmsSegmentCount(SmsEncoding.Gsm7, units, Split(widths, units, single: 160, part: 153));
    }

    private static SmsSegmentCount CountUcs2(string body)
    {
        var widths = new List<int>();
        for (var i = 0; i < body.Length; i++)
        {
            var pair = char.IsHighSurrogate(body[i]) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]);
            widths.Add(pair ? 2 : 1);
            if (pair)
            {
                i++;
            }
        }

        return new SmsSegmentCount(SmsEncoding.Ucs2, body.Length, Split(widths, body.Length, single: 70, part: 67));
    }

    private static int Split(List<int> widths, int units, int single, int part)
    {
        if (units <= single)
        {
            return 1;
        }

        var segments = 1;
        var used = 0;
        foreach (var width in widths)
        {
            if (used + width > part)
            {
                segments++;
                used = 0;
            }

            used += width;
        }

        return segments;
    }
}
