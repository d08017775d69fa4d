using System.Globalization;
using Microsoft.Extensions.Options;

namespace MlConnector.Site;

/// <summary>
/// The site's time zone (<c>Site:TimeZone</c>), resolved once: how the dashboard and the CLI show an instant to
/// people (<c>2026-11-26 10:00:00+01:00</c>, or <c>2026-11-26 09:00:00Z</c> when the site keeps UTC), and which instants a day
/// the operator names spans. Instants are stored and exchanged (API, audit export) in UTC; only display converts.
/// </summary>
public sealed class SiteTime
{
    public SiteTime(IOptions<SiteOptions> options)
        : this(options?.Value.TimeZone ?? "UTC")
    {
    }

    public SiteTime(string zoneId)
    {
        ZoneId = zoneId;
        Zone = Resolve(zoneId) ?? throw new ArgumentException($"'{zoneId}' is not a time zone of this machine.", nameof(zoneId));
    }

    /// <summary>The site time of a site that keeps UTC (the default).</summary>
    public static SiteTime Utc { get; } = new("UTC");

    /// <summary>The id as configured, e.g. <c>Europe/Berlin</c>.</summary>
    public string ZoneId { get; }

    public TimeZoneInfo Zone { get; }

    public bool IsUtc => Zone.BaseUtcOffset == TimeSpan.Zero && !Zone.SupportsDaylightSavingTime;

    /// <summary>The zone of an IANA id (or a Windows id, which .NET maps through ICU), or null when the machine has
    /// no such zone. .NET 6 and later read IANA ids on Linux from tzdata and on Windows through ICU.</summary>
    public static TimeZoneInfo? Resolve(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;

    /// <summary>The instant as the site's wall clock shows it.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary><c>2026-11-26 10:00:00+01:00</c> (<c>2026-11-26 09:00:00Z</c> on a UTC site): the wall clock with its offset,
    /// two words wide like the <c>u</c> format listings used before.</summary>
    public string Format(DateTimeOffset instant, bool seconds = true)
    {
        var local = Local(instant);
        var text = local.ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return IsUtc ? text + "Z" : text + local.ToString("zzz", CultureInfo.InvariantCulture);
    }

    /// <summary>The instant, or <paramref name="none"/> when there is none.</summary>
    public string Format(DateTimeOffset? instant, string none) => instant is { } value ? Format(value) : none;

    /// <summary>The site's calendar day of an instant.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>The first instant of a day on the site's clock (its midnight, or the first valid time after a
    /// daylight-saving gap at midnight).</summary>
    public DateTimeOffset StartOf(DateOnly day) => At(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified));

    /// <summary>The instant a wall-clock time of the site names (a time skipped by daylight saving moves on to the
    /// first that exists; an ambiguous one is taken as standard time).</summary>
    public DateTimeOffset At(DateTime wallClock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A date, or a date and time, as an operator types it: with an offset or <c>Z</c> as given; without one,
    /// on the site's clock (a date alone is its midnight). Null when it is not a date.</summary>
    public DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }

        return parsed.Kind == DateTimeKind.Unspecified
            ? At(parsed)
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
    }
}
