using MlConnector.Simulators.Syspro.Enet;

namespace MlConnector.Tests.Simulators.Syspro;

public sealed class EnetFormatTests
{
    [Theory]
    [InlineData(1, 18, 6, "           1.000000")]
    [InlineData(2.20462, 12, 6, "     2.204620")]
    [InlineData(0, 2, 0, " 0")]
    [InlineData(1, 8, 0, "       1")]
    public void Number_SqlDecimal_IsPaddedLikeSyspro(decimal value, int precision, int scale, string expected) =>
        Assert.Equal(expected, EnetFormat.Number(value, precision, scale));

    [Fact]
    public void Value_NoDate_Prints0000_00_00()
    {
        var column = new EnetColumn("MemoDate", EnetColumnKind.Date, 0, 0, _ => null);
        Assert.Equal("0000-00-00", EnetFormat.Value(column, null));
    }

    [Fact]
    public void Escape_XmlSpecials_AreEscapedOnce() =>
        Assert.Equal("O'Brien &amp; Sons &lt;x&gt;", EnetXmlWriter.Escape("O'Brien & Sons <x>"));
}
