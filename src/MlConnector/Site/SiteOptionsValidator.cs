using System.Globalization;
using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Site;

/// <summary>Start-up checks of <see cref="SiteOptions"/>, each naming its setting and the value given: a time zone
/// this machine does not know, a culture that does not exist, formats that do not show a date or an amount.</summary>
internal sealed class SiteOptionsValidator : IValidateOptions<SiteOptions>
{
    private static readonly DateTime SampleDay = new(2031, 11, 24, 0, 0, 0, DateTimeKind.Unspecified);
    private const decimal SampleAmount = 1234.5m;

    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var path = SiteOptions.SectionName;
        if (SiteTime.Resolve(options.TimeZone) is null)
        {
            failures.Add(string.IsNullOrWhiteSpace(options.TimeZone)
                ? $"{path}:TimeZone: is blank; write an IANA time zone id such as Europe/Berlin or America/Chicago, or leave it out for UTC"
                : $"{path}:TimeZone: '{options.TimeZone}' is not a time zone; write an IANA time zone id such as Europe/Berlin, " +
                    $"America/Chicago or Africa/Johannesburg{Suggestions.DidYouMean(options.TimeZone, KnownZones())}");
        }

        var culture = CultureOf(options.Culture);
        if (culture is null)
        {
            failures.Add($"{path}:Culture: '{options.Culture}' is not a culture; write a name such as en-US, en-ZA or de-DE, or leave it empty");
        }

        culture ??= CultureInfo.InvariantCulture;
        if (DateProblem(options.DateFormat, culture) is { } date)
        {
            failures.Add($"{path}:DateFormat: '{options.DateFormat}' {date}; write a .NET date format such as yyyy-MM-dd, dd/MM/yyyy or d MMM yyyy");
        }

        if (AmountProblem(options.AmountFormat, culture) is { } amount)
        {
            failures.Add($"{path}:AmountFormat: '{options.AmountFormat}' {amount}; write a .NET number format such as #,##0.00 or N2");
        }

        if (options.Currency is { } currency && (currency.Trim().Length is 0 or > 5 || currency.Trim().Any(char.IsWhiteSpace)))
        {
            failures.Add($"{path}:Currency: '{currency}' is not a currency code; write one such as USD, EUR or ZAR, or leave it out");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The culture of a name ("" is the invariant culture), or null when there is no such culture.</summary>
    public static CultureInfo? CultureOf(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return CultureInfo.InvariantCulture;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name.Trim(), predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static string? DateProblem(string format, CultureInfo culture)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return "is blank";
        }

        string text;
        try
        {
            text = SampleDay.ToString(format, culture);
        }
        catch (FormatException)
        {
            return "is not a date format";
        }

        var month = text.Contains("11", StringComparison.Ordinal)
            || text.Contains(culture.DateTimeFormat.GetAbbreviatedMonthName(11), StringComparison.OrdinalIgnoreCase);
        return text.Contains("31", StringComparison.Ordinal) && month && text.Contains("24", StringComparison.Ordinal)
            ? null
            : $"does not show the year, the month and the day (24 November 2031 comes out as '{text}')";
    }

    private static string? AmountProblem(string format, CultureInfo culture)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return "is blank";
        }

        string text;
        try
        {
            text = SampleAmount.ToString(format, culture);
        }
        catch (FormatException)
        {
            return "is not a number format";
        }

        return text.Contains("234", StringComparison.Ordinal) ? null : $"does not show the amount (1234.50 comes out as '{text}')";
    }

    private static IEnumerable<string> KnownZones() =>
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.HasIanaId
            ? z.Id
            : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : z.Id);
}
