using MlConnector.Syspro;

namespace MlConnector.Tests.Syspro;

/// <summary>SYSPRO's rowversion in the forms a site may give it, compared as SQL Server orders it.</summary>
public sealed class RowVersionTests
{
    [Theory]
    [InlineData("2001", 2001UL, RowVersionForm.Number, "2001")]
    [InlineData("      0000002001", 2001UL, RowVersionForm.Number, "2001")]
    [InlineData("0x00000000000007D1", 2001UL, RowVersionForm.Hex, "0x00000000000007D1")]
    [InlineData("0x7d1", 2001UL, RowVersionForm.Hex, "0x00000000000007D1")]
    [InlineData("AAAAAAAAB9E=", 2001UL, RowVersionForm.Base64, "AAAAAAAAB9E=")]
    [InlineData("-1", ulong.MaxValue, RowVersionForm.Number, "18446744073709551615")]
    [InlineData("18446744073709551615", ulong.MaxValue, RowVersionForm.Number, "18446744073709551615")]
    public void TryParse_EachForm_ReadsTheUnsignedNumberAndWritesItBackInItsForm(string text, ulong value, RowVersionForm form, string written)
    {
        Assert.True(RowVersion.TryParse(text, out var version));
        Assert.Equal((value, form, written), (version.Value, version.Form, version.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2026-12-02")]
    [InlineData("12.5")]
    [InlineData("0x")]
    [InlineData("0x00000000000000001")]
    [InlineData("not a rowversion")]
    [InlineData("AAAAAAAAAAAAAAAA")]
    public void TryParse_NotARowversion_IsRefused(string? text) => Assert.False(RowVersion.TryParse(text, out _));

    [Theory]
    [InlineData("9", "10", "10")]
    [InlineData("0x00000000000000FF", "0x0000000000000100", "0x0000000000000100")]
    [InlineData("AAAAAAAAAP8=", "AAAAAAAAAQA=", "AAAAAAAAAQA=")]
    [InlineData("9223372036854775807", "-9223372036854775808", "9223372036854775808")] // past 2^63, as SQL Server orders binary(8)
    [InlineData(null, "10", "10")]
    [InlineData("10", "garbage", "10")]
    public void Later_ComparesAsUnsignedNumbers_NotAsText(string? a, string? b, string later)
    {
        Assert.Equal(later, RowVersion.Later(a, b));
        Assert.Equal(later, RowVersion.Later(b, a));
    }
}
