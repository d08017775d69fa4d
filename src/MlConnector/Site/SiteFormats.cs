using System.Globalization;
using Microsoft.Extensions.Options;

namespace MlConnector.Site;

/// <summary>
/// How the site writes a date and an amount for people (<c>Site:DateFormat</c>, <c>Site:Culture</c>,
/// <c>Site:AmountFormat</c>, <c>Site:CurrencyPosition</c>, <c>Site:Currency</c>), resolved once from the checked
/// settings: the texts' <c>local_date</c> and <c>money</c> filters write through it.
/// </summary>
public sealed class SiteFormats
{
    public SiteFormats(IOptions<SiteOptions> options, SiteTime time)
        : this(options?.Value ?? new SiteOptions(), time)
    {
    }

    private SiteFormats(SiteOptions options, SiteTime time)
    {
        Time = time;
        Culture = SiteOptionsValidator.CultureOf(options.Culture) ?? CultureInfo.InvariantCulture;
        DateFormat = options.DateFormat;
        AmountFormat = options.AmountFormat;
        CurrencyPosition = options.CurrencyPosition;
        Currency = string.IsNullOrWhiteSpace(options.Currency) ? null : options.Currency.Trim();
    }

    /// <summary>The defaults: UTC, ISO dates, 1,234.56, the code after the amount, no local currency.</summary>
    public static SiteFormats Default { get; } = new(new SiteOptions(), SiteTime.Utc);

    /// <summary>Formats as a site with these settings would (tests, previews).</summary>
    public static SiteFormats Of(SiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SiteFormats(options, new SiteTime(options.TimeZone));
    }

    public SiteTime Time { get; }

    public CultureInfo Culture { get; }

    public string DateFormat { get; }

    public string AmountFormat { get; }

    public CurrencyPosition CurrencyPosition { get; }

    /// <summary>The local currency code, for amounts without a currency of their own; null when not set.</summary>
    public string? Currency { get; }

    /// <summary>A day as the site writes dates (<paramref name="format"/> overrides the site's format).</summary>
    public string Date(DateOnly day, string? format = null) =>
        day.ToString(string.IsNullOrWhiteSpace(format) ? DateFormat : format, Culture);

    /// <summary>
    /// An amount with its currency: <c>1,234.56 USD</c> or <c>USD 1,234.56</c> as the site prefers; a currency symbol
    /// (no letters in it, such as <c>$</c>) goes before the amount without a space (<c>$1,234.56</c>, <c>-$5.00</c>), so
    /// an amount never reads "1,234.56 $". Without a currency, the amount alone.
    /// </summary>
    public string Money(decimal amount, string? currency)
    {
        var code = currency?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return amount.ToString(AmountFormat, Culture);
        }

        if (!code.Any(char.IsLetter))
        {
            var magnitude = Math.Abs(amount).ToString(AmountFormat, Culture);
            return (amount < 0 ? Culture.NumberFormat.NegativeSign : "") + code + magnitude;
        }

        var text = amount.ToString(AmountFormat, Culture);
        return CurrencyPosition == CurrencyPosition.Before ? $"{code} {text}" : $"{text} {code}";
    }
}
