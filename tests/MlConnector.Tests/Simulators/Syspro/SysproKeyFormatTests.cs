using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Tests.Simulators.Syspro;

public sealed class SysproKeyFormatTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, " 00001")]
    [InlineData(20000, " 20000")]
    [InlineData(123456, "123456")]
    public void Spaces_Number_IsFiveDigitsRightAlignedInSix(long number, string key) =>
        Assert.Equal(key, SysproKeyFormat.For(SysproKeyStyle.Spaces).PurchaseOrder(number));

    [Fact]
    public void Zeros_Number_IsFifteenDigits() =>
        Assert.Equal("000000000150802", SysproKeyFormat.For(SysproKeyStyle.Zeros).PurchaseOrder(150802));

    [Theory]
    [InlineData(SysproKeyStyle.Zeros, "100001")]
    [InlineData(SysproKeyStyle.Spaces, "1")]
    [InlineData(SysproKeyStyle.Spaces, "00001")]
    public void PaddedStyles_HandTypedKey_IsNotPadded(SysproKeyStyle style, string typed) =>
        Assert.Equal(typed, SysproKeyFormat.For(style).NormalizePurchaseOrder(typed));

    [Fact]
    public void Default_HandTypedKey_IsPaddedAsBefore() =>
        Assert.Equal("000000000100001", SysproKeyFormat.Default.NormalizePurchaseOrder(" 100001 "));

    [Fact]
    public void Data_SpacesStyle_SeedsPaddedKeysAndFindsOnlyVerbatim()
    {
        var data = new SysproData(new SysproSimulatorOptions { PurchaseOrders = 50, KeyStyle = SysproKeyStyle.Spaces }, new FakeTimeProvider(Start));
        Assert.Equal(" 00001", data.PorMasterHdr.Snapshot()[0].PurchaseOrder);
        Assert.Equal(" 00050", data.PorMasterHdr.Snapshot()[^1].PurchaseOrder);
        Assert.All(data.ReqDetail.Snapshot(), r => Assert.Matches("^ [0-9]{5}$", r.Requisition));
        Assert.NotNull(data.FindPurchaseOrder(" 00007"));
        Assert.Null(data.FindPurchaseOrder("7"));
        Assert.Null(data.FindPurchaseOrder("00007"));
        Assert.Equal(" 00051", data.CreatePurchaseOrder(data.ApSupplier.Snapshot()[0].Supplier, "AB", 1, 1).PurchaseOrder);
    }

    [Fact]
    public void Data_KeyStyle_ChangesOnlyTheKeys()
    {
        var spaced = new SysproData(new SysproSimulatorOptions { PurchaseOrders = 50, KeyStyle = SysproKeyStyle.Spaces }, new FakeTimeProvider(Start));
        var plain = new SysproData(new SysproSimulatorOptions { PurchaseOrders = 50 }, new FakeTimeProvider(Start));
        Assert.Equal(
            plain.PorMasterHdr.Snapshot().Select(p => p with { PurchaseOrder = "" }),
            spaced.PorMasterHdr.Snapshot().Select(p => p with { PurchaseOrder = "" }));
    }
}
