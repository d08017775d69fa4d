using PhoneNumbers;

namespace MlConnector.Recipients;

/// <summary>Phone numbers in E.164 (libphonenumber), and a masked form for logs.</summary>
public static class PhoneFormat
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

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
                error = "not a possible phone number";
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            error = "";
            return true;
        }
        catch (NumberParseException e)
        {
            error = $"not a phone number ({e.ErrorType})";
            return false;
        }
    }

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
