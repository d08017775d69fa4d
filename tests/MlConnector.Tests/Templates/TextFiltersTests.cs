using MlConnector.Site;
using MlConnector.Templates;

namespace MlConnector.Tests.Templates;

public sealed class TextFiltersTests
{
    private static async Task<string> RenderAsync(string template, IReadOnlyDictionary<string, string?> fields, SiteOptions? site = null)
    {
        var renderer = site is null ? new TemplateRenderer() : new TemplateRenderer(SiteFormats.Of(site));
        return (await renderer.RenderAsync(template, fields)).Body;
    }

    private static Dictionary<string, string?> Field(string name, string? value) => new() { [name] = value };

    [Theory]
    [InlineData("2026-12-26")]
    [InlineData("2026-12-26T00:00:00Z")]
    [InlineData("2026-12-26T00:00:00+00:00")]
    [InlineData("2026-12-26T00:00:00")]
    public async Task LocalDate_SysproDate_PrintsTheIsoDate(string value) =>
        Assert.Equal("due 2026-12-26.", await RenderAsync("due {{ DueDate | local_date }}.", Field("DueDate", value)));

    [Fact]
    public async Task LocalDate_SysproDateAtMidnightUtc_IsTheSameDayWestOfGreenwich()
    {
        var site = new SiteOptions { TimeZone = "America/Chicago", DateFormat = "MM/dd/yyyy" };

        Assert.Equal("due 12/26/2026", await RenderAsync("due {{ DueDate | local_date }}", Field("DueDate", "2026-12-26T00:00:00Z"), site));
    }

    [Fact]
    public async Task LocalDate_InstantWithATimeOfDay_IsItsDayInTheSiteZone()
    {
        var site = new SiteOptions { TimeZone = "Asia/Kolkata", DateFormat = "d MMM yyyy" };

        Assert.Equal("27 Dec 2026", await RenderAsync("{{ At | local_date }}", Field("At", "2026-12-26T20:15:00Z"), site));
    }

    [Fact]
    public async Task LocalDate_FormatArgument_OverridesTheSiteFormat() =>
        Assert.Equal("26/12", await RenderAsync("{{ DueDate | local_date: \"dd/MM\" }}", Field("DueDate", "2026-12-26")));

    [Fact]
    public async Task LocalDate_SiteCulture_NamesTheMonthInItsLanguage()
    {
        var site = new SiteOptions { Culture = "de-DE", DateFormat = "d. MMMM yyyy" };

        Assert.Equal("26. Dezember 2026", await RenderAsync("{{ D | local_date }}", Field("D", "2026-12-26"), site));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task LocalDate_EmptyField_PrintsNothing(string? value) =>
        Assert.Equal("[]", await RenderAsync("[{{ D | local_date }}]", Field("D", value)));

    [Fact]
    public async Task LocalDate_NotADate_IsLeftAsItIs() =>
        Assert.Equal("soon", await RenderAsync("{{ D | local_date }}", Field("D", "soon")));

    [Theory]
    [InlineData("450039.87", "USD", "450,039.87 USD")]
    [InlineData("12,345.67", "EUR", "12,345.67 EUR")]
    [InlineData("-5", "USD", "-5.00 USD")]
    [InlineData("126", " ZAR ", "126.00 ZAR")]
    [InlineData("450039.87", "$", "$450,039.87")]
    [InlineData("-5", "$", "-$5.00")]
    [InlineData("450039.87", "", "450,039.87")]
    public async Task Money_DefaultSite_CodeAfterTheAmount_SymbolBefore(string amount, string currency, string expected) =>
        Assert.Equal(expected, await RenderAsync("{{ A | money: C }}", new Dictionary<string, string?> { ["A"] = amount, ["C"] = currency }));

    [Fact]
    public async Task Money_SiteWantsTheCodeBefore_AndItsOwnNumberFormat()
    {
        var site = new SiteOptions { CurrencyPosition = CurrencyPosition.Before, Culture = "de-DE", AmountFormat = "N2" };

        Assert.Equal("EUR 450.039,87", await RenderAsync("{{ A | money: C }}",
            new Dictionary<string, string?> { ["A"] = "450039.87", ["C"] = "EUR" }, site));
    }

    [Fact]
    public async Task Money_NoCurrencyArgument_TakesTheSiteCurrency()
    {
        var site = new SiteOptions { Currency = "ZAR", CurrencyPosition = CurrencyPosition.Before };

        Assert.Equal("ZAR 1,500.00", await RenderAsync("{{ A | money }}", Field("A", "1500"), site));
    }

    [Fact]
    public async Task Money_EmptyAmount_PrintsNothing_NotADanglingCode() =>
        Assert.Equal("[]", await RenderAsync("[{{ A | money: C }}]", new Dictionary<string, string?> { ["A"] = null, ["C"] = "USD" }));

    [Fact]
    public async Task Money_NotANumber_IsLeftAsItIs() =>
        Assert.Equal("n/a", await RenderAsync("{{ A | money: \"USD\" }}", Field("A", "n/a")));

    [Fact]
    public async Task LiquidDateFilter_TimeWithoutAnOffset_IsTheSiteTime()
    {
        var site = new SiteOptions { TimeZone = "America/Chicago" };

        Assert.Equal("09:00 -0600", await RenderAsync("{{ At | date: \"%H:%M %z\" }}", Field("At", "2026-11-26T09:00:00"), site));
    }
}
