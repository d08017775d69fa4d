using MlConnector.Common;

namespace MlConnector.Tests.Common;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Count_PlainGsmText_UsesGsmSegmentSizes(int length, int segments)
    {
        var result = SmsSegments.Count(new string('a', length));

        Assert.Equal((SmsEncoding.Gsm7, length, segments), (result.Encoding, result.Units, result.Segments));
    }

    [Fact]
    public void Count_ExtensionCharacters_CountTwoSeptets()
    {
        var result = SmsSegments.Count(new string('€', 80));

        Assert.Equal((SmsEncoding.Gsm7, 160, 1), (result.Encoding, result.Units, result.Segments));
    }

    [Fact]
    public void Count_EscapePairAtSegmentBoundary_MovesToNextSegment()
    {
        // 152 plain + '{' (2 septets) would straddle the 153 boundary, so '{' starts segment two.
        var result = SmsSegments.Count(new string('a', 152) + "{" + new string('a', 10));

        Assert.Equal(2, result.Segments);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Count_NonGsmText_UsesUcs2SegmentSizes(int length, int segments)
    {
        var result = SmsSegments.Count("ł" + new string('a', length - 1));

        Assert.Equal((SmsEncoding.Ucs2, length, segments), (result.Encoding, result.Units, result.Segments));
    }

    [Fact]
    public void Count_Emoji_TakesTwoUnitsAndForcesUcs2()
    {
        var result = SmsSegments.Count("Approved 👍");

        Assert.Equal((SmsEncoding.Ucs2, 11, 1), (result.Encoding, result.Units, result.Segments));
    }

    [Fact]
    public void IsGsm7_AccentsInGsmSet_True() => Assert.True(SmsSegments.IsGsm7("Café à Zürich £5 @home"));

    [Fact]
    public void IsGsm7_SmartQuote_False() => Assert.False(SmsSegments.IsGsm7("“PO”"));
}
