using System.Globalization;
using Microsoft.Extensions.Options;
using MlConnector.Site;

namespace MlConnector.Recipients;

/// <summary>One person's quiet hours: a daily window on their own clock (it may wrap midnight) and, optionally, the
/// whole weekend.</summary>
public sealed record QuietSchedule(SiteTime Clock, TimeOnly? Start, TimeOnly? End, bool Weekends)
{
    /// <summary>Reads <c>22:00-07:00</c>; false with a reason for anything else.</summary>
    public static bool TryParseWindow(string text, out (TimeOnly Start, TimeOnly End) window, out string error)
    {
        window = default;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            error = $"'{text}' is not a window of hours; write it as 22:00-07:00.";
            return false;
        }

        if (start == end)
        {
            error = $"'{text}' starts and ends at the same time; give a window such as 22:00-07:00.";
            return false;
        }

        window = (start, end);
        error = "";
        return true;
    }

    public bool IsQuietAt(DateTime wallClock)
    {
        if (Weekends && wallClock.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return true;
        }

        if (Start is not { } start || End is not { } end)
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(wallClock);
        return start < end ? time >= start && time < end : time >= start || time < end;
    }

    /// <summary>When the quiet period around <paramref name="now"/> ends, or null when <paramref name="now"/> is not
    /// quiet. A Friday night window followed by a quiet weekend ends on Monday morning.</summary>
    public DateTimeOffset? QuietUntil(DateTimeOffset now)
    {
        var wall = Clock.Local(now).DateTime;
        if (!IsQuietAt(wall))
        {
            return null;
        }

        for (var step = 0; step < 16; step++)
        {
            wall = NextChange(wall);
            if (!IsQuietAt(wall))
            {
                return Clock.At(wall);
            }
        }

        return Clock.At(wall); // never reached with a window and weekends: at most a few steps
    }

    /// <summary>The next wall-clock time after <paramref name="wall"/> at which quietness can change: the window's end
    /// or midnight, whichever comes first.</summary>
    private DateTime NextChange(DateTime wall)
    {
        var midnight = wall.Date.AddDays(1);
        if (End is { } end)
        {
            var todayEnd = wall.Date + end.ToTimeSpan();
            var next = todayEnd > wall ? todayEnd : todayEnd.AddDays(1);
            return next < midnight ? next : midnight;
        }

        return midnight;
    }
}

/// <summary>The quiet hours of the directory's people (<c>Directory:People:{id}:QuietHours</c>, <c>QuietWeekends</c>,
/// <c>TimeZone</c>, the site's zone by default).</summary>
public sealed class QuietHours
{
    private readonly Dictionary<string, QuietSchedule> _people = new(StringComparer.OrdinalIgnoreCase);

    public QuietHours(IOptions<DirectoryOptions> directory, IOptions<SiteOptions> site)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(site);
        foreach (var (id, person) in directory.Value.People)
        {
            (TimeOnly Start, TimeOnly End)? window = person.QuietHours is { } text && QuietSchedule.TryParseWindow(text, out var w, out _) ? w : null;
            if (window is null && !person.QuietWeekends)
            {
                continue;
            }

            var zone = SiteTime.Resolve(person.TimeZone) is not null ? person.TimeZone! : site.Value.TimeZone;
            _people[id] = new QuietSchedule(new SiteTime(zone), window?.Start, window?.End, person.QuietWeekends);
        }
    }

    /// <summary>Whether anyone has quiet hours (nothing to hold or digest otherwise).</summary>
    public bool Any => _people.Count > 0;

    /// <summary>When <paramref name="personId"/>'s quiet period around <paramref name="now"/> ends, or null when they
    /// may be texted now.</summary>
    public DateTimeOffset? QuietUntil(string personId, DateTimeOffset now) =>
        _people.TryGetValue(personId, out var schedule) ? schedule.QuietUntil(now) : null;
}
