using System.Globalization;

namespace MlConnector.Common;

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
/// SMS segment counting, the one counter of the connector and the simulator, checked against Twilio's own segment
/// calculator (tests/MlConnector.Tests/Common/SmsSegmentVectors.json). A split never cuts a GSM-7 escape pair, nor a
/// UCS-2 grapheme cluster (a surrogate pair, an emoji with its modifiers, a letter with its combining accent): such a
/// character starts the next segment. CR LF counts as two characters, as Twilio's calculator counts it.
/// </summary>
public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Each takes an escape septet before it; form feed too (GSM 03.38), though Twilio's documentation lists only the others.
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
        for (var i = 0; i < body.Length; i += widths[^1])
        {
            var crlf = body[i] == '\r' && i + 1 < body.Length && body[i + 1] == '\n';
            widths.Add(crlf ? 1 : StringInfo.GetNextTextElementLength(body, i));
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
