using MlConnector.Alerts;

namespace MlConnector.Tests.Alerts;

public sealed class RecordKeyTextTests
{
    [Theory]
    [InlineData(" 00001", "00001")]
    [InlineData("000000000100001", "000000000100001")]
    [InlineData(" 00301|   1", "00301|1")]
    [InlineData("SUP01 |INV 7", "SUP01 |INV 7")]
    public void Display_LeadingSpacesOfEachPartGoZerosStay(string key, string shown) => Assert.Equal(shown, RecordKeyText.Display(key));
}
