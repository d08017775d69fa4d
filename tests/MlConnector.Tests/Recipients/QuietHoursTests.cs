using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using MlConnector.Site;

namespace MlConnector.Tests.Recipients;

/// <summary>Quiet hours on the person's own clock: a window that wraps midnight, weekends, and daylight saving.</summary>
public sealed class QuietHoursTests
{
    private static QuietHours For(string? quiet, bool weekends = false, string? zone = "America/Chicago", string site = "UTC") =>
        new(Options.Create(new DirectoryOptions
        {
            People = { ["jane"] = new PersonOptions { Name = "Jane", Phone = "+15550100001", QuietHours = quiet, QuietWeekends = weekends, TimeZone = zone } },
        }), Options.Create(new SiteOptions { TimeZone = site }));

    // Chicago is UTC-6 in winter: 22:00-07:00 there is 04:00-13:00 UTC.
    [Theory]
    [InlineData("2026-12-02T03:59:00Z", null)]
    [InlineData("2026-12-02T04:00:00Z", "2026-12-02T13:00:00Z")]
    [InlineData("2026-12-02T12:59:00Z", "2026-12-02T13:00:00Z")]
    [InlineData("2026-12-02T13:00:00Z", null)]
    public void AWindowThatWrapsMidnight_EndsAtItsEndOnThePersonsClock(string now, string? until) =>
        Assert.Equal(until is null ? null : DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture),
            For("22:00-07:00").QuietUntil("jane", DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void AFridayNight_FollowedByAQuietWeekend_EndsOnMondayMorning()
    {
        var friday = new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.FromHours(-6)); // Friday 23:00 in Chicago

        var until = For("22:00-07:00", weekends: true).QuietUntil("jane", friday);

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.FromHours(-6)), until);
    }

    [Fact]
    public void WeekendsAlone_AreQuietAllDay_AndWeekdaysAreNot()
    {
        var hours = For(null, weekends: true);

        Assert.Null(hours.QuietUntil("jane", new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.FromHours(-6))));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(-6)),
            hours.QuietUntil("jane", new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.FromHours(-6))));
    }

    [Fact]
    public void WithoutAZoneOfTheirOwn_APersonKeepsTheSitesClock()
    {
        var hours = For("22:00-07:00", zone: null, site: "Europe/Berlin");

        // 21:30 UTC is 22:30 in Berlin (UTC+1 in winter): quiet until 07:00 Berlin, 06:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero),
            hours.QuietUntil("jane", new DateTimeOffset(2026, 12, 2, 21, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AcrossTheSpringChange_TheEndIsSevenOnTheNewClock()
    {
        // Chicago moves to UTC-5 at 02:00 on 2027-03-14: 07:00 that morning is 12:00 UTC.
        var until = For("22:00-07:00").QuietUntil("jane", new DateTimeOffset(2027, 3, 14, 5, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2027, 3, 14, 12, 0, 0, TimeSpan.Zero), until);
    }

    [Theory]
    [InlineData("22:00-07:00", true)]
    [InlineData("7:30-9:00", true)]
    [InlineData("22:00", false)]
    [InlineData("22:00-22:00", false)]
    [InlineData("late-early", false)]
    public void AWindow_IsReadOrRefusedWithAReason(string text, bool ok)
    {
        Assert.Equal(ok, QuietSchedule.TryParseWindow(text, out _, out var error));
        Assert.Equal(ok, error.Length == 0);
    }
}
