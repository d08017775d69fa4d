using MlConnector.Site;

namespace MlConnector.Tests.Site;

public sealed class SiteTimeTests
{
    private static readonly DateTimeOffset Winter = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Format_UtcSite_EndsInZ() => Assert.Equal("2026-11-26 09:00:00Z", SiteTime.Utc.Format(Winter));

    [Fact]
    public void Format_IanaZone_ShowsTheWallClockWithItsOffset_AcrossDaylightSaving()
    {
        var chicago = new SiteTime("America/Chicago");

        Assert.Equal("2026-11-26 03:00:00-06:00", chicago.Format(Winter));
        Assert.Equal("2026-07-01 04:00:00-05:00", chicago.Format(Summer));
        Assert.Equal("2026-11-26 03:00-06:00", chicago.Format(Winter, seconds: false));
    }

    [Fact]
    public void StartOf_ADay_IsLocalMidnightInUtc()
    {
        var berlin = new SiteTime("Europe/Berlin");

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero), berlin.StartOf(new DateOnly(2026, 11, 26)));
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), berlin.StartOf(new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void DayOf_AnInstantLateInTheUtcDay_IsTheNextDayEastward()
    {
        var late = new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 11, 27), new SiteTime("Asia/Kolkata").DayOf(late));
        Assert.Equal(new DateOnly(2026, 11, 26), SiteTime.Utc.DayOf(late));
    }

    [Fact]
    public void Resolve_UnknownZone_IsNull() => Assert.Null(SiteTime.Resolve("Mars/Olympus_Mons"));
}
