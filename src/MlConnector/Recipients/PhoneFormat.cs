using PhoneNumbers;

namespace MlConnector.Recipients;

/// <summary>Phone numbers in E.164 (libphonenumber), and a masked form for logs.</summary>
public static class PhoneFormat
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Reads a number in any common notation as E.164; <paramref name="error"/> says in plain words why one
    /// cannot be read (it never repeats the number: it may be someone's).</summary>
    public static bool TryNormalize(string? text, string defaultRegion, out string e164, out string error)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "no phone number";
            return false;
        }

        try
        {
            var number = Util.Parse(text, defaultRegion);
            if (!Util.IsPossibleNumber(number))
            {
                error = $"not a possible phone number (read with region {defaultRegion} when it has no +country code)";
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            error = "";
            return true;
        }
        catch (NumberParseException e)
        {
            error = e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => "not a phone number with a country code: write it as +1 555 010 0001, " +
                    "or set Directory:DefaultRegion to the country it belongs to",
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "too short for a phone number",
                ErrorType.TOO_LONG => "too long for a phone number",
                _ => "not a phone number",
            };
            return false;
        }
    }

    /// <summary>The two-letter regions phone numbers can be read in (US, GB, DE...).</summary>
    public static IReadOnlySet<string> Regions { get; } = new HashSet<string>(Util.GetSupportedRegions(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Keeps the country code and the last two digits: +1*******67.</summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone) || phone.Length < 6)
        {
            return "***";
        }

        var keep = phone.StartsWith('+') ? 2 : 0;
        return string.Concat(phone.AsSpan(0, keep), new string('*', phone.Length - keep - 2), phone.AsSpan(phone.Length - 2));
    }
}
