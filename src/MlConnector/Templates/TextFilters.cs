using System.Globalization;
using Fluid;
using Fluid.Values;
using MlConnector.Site;

namespace MlConnector.Templates;

/// <summary>
/// The Liquid filters that write dates and amounts the site's way (<c>Site</c> settings), registered on the
/// renderer's <see cref="TemplateOptions"/>:
/// <list type="bullet">
/// <item><c>{{ DueDate | local_date }}</c>: a date in <c>Site:DateFormat</c>; <c>{{ DueDate | local_date: "d MMM" }}</c>
/// with another .NET format. SYSPRO's dates carry no time of day (OData writes them as midnight UTC), so a value at
/// midnight is that calendar day as written; a value with a time of day is an instant, shown on the day it is in
/// <c>Site:TimeZone</c>.</item>
/// <item><c>{{ OrigInvValue | money: Currency }}</c>: an amount in <c>Site:AmountFormat</c> with its currency code
/// where <c>Site:CurrencyPosition</c> says (an empty <c>Currency</c> shows the amount alone);
/// <c>{{ EntryValue | money }}</c>, without an argument, takes the local currency <c>Site:Currency</c>.</item>
/// </list>
/// Both print nothing for an empty field (so an <c>{% if %}</c> around the phrase drops it) and leave a value they
/// cannot read as it is, so a text is never lost to a filter. Liquid's own <c>date</c> and <c>format_date</c> use the
/// site's time zone and culture too. Fluid's Shopify money filters assume one store currency, while every SYSPRO row
/// carries its own, hence a filter of our own.
/// </summary>
internal static class TextFilters
{
    public const string LocalDate = "local_date";
    public const string Money = "money";

    public static TemplateOptions Register(TemplateOptions options, SiteFormats formats)
    {
        options.TimeZone = formats.Time.Zone;
        options.CultureInfo = formats.Culture;
        options.Filters.AddFilter(LocalDate, (input, arguments, _) => ValueTask.FromResult(DateOf(input, arguments, formats)));
        options.Filters.AddFilter(Money, (input, arguments, _) => ValueTask.FromResult(MoneyOf(input, arguments, formats)));
        return options;
    }

    private static FluidValue DateOf(FluidValue input, FilterArguments arguments, SiteFormats formats)
    {
        var format = arguments.Count > 0 && !arguments.At(0).IsNil() ? arguments.At(0).ToStringValue() : null;
        if (input.ToObjectValue() is DateTimeOffset instant)
        {
            return new StringValue(formats.Date(formats.Time.DayOf(instant), format));
        }

        var text = input.IsNil() ? "" : input.ToStringValue().Trim();
        if (text.Length == 0)
        {
            return NilValue.Instance;
        }

        return Day(text, formats.Time) is { } day ? new StringValue(formats.Date(day, format)) : input;
    }

    /// <summary>The calendar day a SYSPRO value names: <c>2026-12-26</c>, <c>2026-12-26T00:00:00Z</c> (a date at
    /// midnight, as written), or an instant with a time of day (its day in the site's zone); null when not a date.</summary>
    internal static DateOnly? Day(string text, SiteTime time)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return null;
        }

        return value.TimeOfDay == TimeSpan.Zero ? DateOnly.FromDateTime(value.DateTime) : time.DayOf(value);
    }

    private static FluidValue MoneyOf(FluidValue input, FilterArguments arguments, SiteFormats formats)
    {
        // money: Currency names the amount's own currency (an empty one shows none, never another's); money alone
        // means the site's local currency.
        var currency = arguments.Count == 0 ? formats.Currency : arguments.At(0).IsNil() ? null : arguments.At(0).ToStringValue();
        decimal amount;
        if (input.Type == FluidValues.Number)
        {
            amount = input.ToNumberValue();
        }
        else
        {
            var text = input.IsNil() ? "" : input.ToStringValue().Trim();
            if (text.Length == 0)
            {
                return NilValue.Instance;
            }

            // Fields hold SYSPRO's numbers in invariant notation (Total has thousands separators: 12,345.67).
            if (!decimal.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out amount))
            {
                return input;
            }
        }

        return new StringValue(formats.Money(amount, currency));
    }
}
