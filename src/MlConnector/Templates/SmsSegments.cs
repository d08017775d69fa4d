namespace MlConnector.Templates;

public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <summary>How many SMS segments a text takes (specs/twilio.md section 8): GSM-7 when every character is in the
/// GSM 03.38 set (extension characters count twice), otherwise UCS-2 in UTF-16 code units.</summary>
public static class SmsSegments
{
    // GSM 03.38 basic character set (as Unicode), escape excluded.
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    public static (int Segments, SmsEncoding Encoding) Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var septets = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c, StringComparison.Ordinal))
            {
                septets++;
            }
            else if (Extension.Contains(c, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else
            {
                return (Segments(text.Length, single: 70, multi: 67), SmsEncoding.Ucs2);
            }
        }

        return (Segments(septets, single: 160, multi: 153), SmsEncoding.Gsm7);
    }

    private static int Segments(int units, int single, int multi) =>
        units == 0 ? 1 : units <= single ? 1 : (units + multi - 1) / multi;
}
