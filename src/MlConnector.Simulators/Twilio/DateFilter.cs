using System.Globalization;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Twilio's date filters on lists (<c>DateSent</c>, <c>StartTime</c>...): a GMT day <c>YYYY-MM-DD</c> or a full
/// timestamp; <c>X&lt;</c> and <c>X&gt;</c> are inclusive bounds, a bare day meaning all of it.
/// </summary>
internal static class DateFilter
{
    public static bool Within(DateTimeOffset sent, (DateTimeOffset At, bool DayOnly)? day,
        (DateTimeOffset At, bool DayOnly)? before, (DateTimeOffset At, bool DayOnly)? after)
    {
        if (day is { } d && (sent < d.At || sent >= d.At.AddDays(1)))
        {
            return false;
        }

        if (before is { } b && sent > (b.DayOnly ? b.At.AddDays(1).AddTicks(-1) : b.At))
        {
            return false;
        }

        return after is not { } a || sent >= a.At;
    }

    public static (DateTimeOffset At, bool DayOnly)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        value = value.TrimStart('='); // tolerate "DateSent<==" style keys split oddly by clients
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? (at, false) : null;
    }
}
