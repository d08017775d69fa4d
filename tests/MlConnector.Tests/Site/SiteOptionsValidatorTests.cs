using MlConnector.Site;

namespace MlConnector.Tests.Site;

public sealed class SiteOptionsValidatorTests
{
    private static List<string> Problems(SiteOptions options) =>
        new SiteOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_Defaults_PassAndMeanUtc()
    {
        Assert.Empty(Problems(new SiteOptions()));
        Assert.Equal("UTC", new SiteOptions().TimeZone);
    }

    [Theory]
    [InlineData("America/Chicago")]
    [InlineData("Europe/Berlin")]
    [InlineData("Africa/Johannesburg")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Etc/UTC")]
    public void Validate_IanaZone_Passes(string zone) => Assert.Empty(Problems(new SiteOptions { TimeZone = zone }));

    [Fact]
    public void Validate_MisspelledZone_NamesTheSettingTheValueAndTheNearMiss()
    {
        var problem = Assert.Single(Problems(new SiteOptions { TimeZone = "Europe/Berln" }));

        Assert.StartsWith("Site:TimeZone: 'Europe/Berln' is not a time zone; write an IANA time zone id", problem, StringComparison.Ordinal);
        Assert.EndsWith("did you mean 'Europe/Berlin'?", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BlankZone_SaysSo() =>
        Assert.StartsWith("Site:TimeZone: is blank", Assert.Single(Problems(new SiteOptions { TimeZone = " " })), StringComparison.Ordinal);

    [Fact]
    public void Validate_UnknownCulture_NamesIt() =>
        Assert.StartsWith("Site:Culture: 'xx-YY' is not a culture", Assert.Single(Problems(new SiteOptions { Culture = "xx-YY" })),
            StringComparison.Ordinal);

    [Theory]
    [InlineData("yyyy")]
    [InlineData("HH:mm")]
    public void Validate_DateFormatWithoutDay_NamesIt(string format) =>
        Assert.StartsWith($"Site:DateFormat: '{format}' does not show the year, the month and the day",
            Assert.Single(Problems(new SiteOptions { DateFormat = format })), StringComparison.Ordinal);

    [Theory]
    [InlineData("dd/MM/yyyy")]
    [InlineData("d MMM yyyy")]
    [InlineData("MM/dd/yy")]
    public void Validate_DateFormats_Pass(string format) => Assert.Empty(Problems(new SiteOptions { DateFormat = format }));

    [Fact]
    public void Validate_AmountFormatWithoutDigits_NamesIt() =>
        Assert.StartsWith("Site:AmountFormat: 'amount' does not show the amount",
            Assert.Single(Problems(new SiteOptions { AmountFormat = "amount" })), StringComparison.Ordinal);

    [Fact]
    public void Validate_CurrencyWithSpaces_NamesIt() =>
        Assert.StartsWith("Site:Currency: 'US D' is not a currency code",
            Assert.Single(Problems(new SiteOptions { Currency = "US D" })), StringComparison.Ordinal);
}
