using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Tests.Simulators.Syspro;

public sealed class SysproDataTests
{
    private static readonly string[] Statuses = ["0", "1", "4", "9", "*"];
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Generate_SameSeedAndDate_GivesTheSameRows()
    {
        var a = new SysproData(new SysproSimulatorOptions { PurchaseOrders = 500 }, new FakeTimeProvider(Start));
        var b = new SysproData(new SysproSimulatorOptions { PurchaseOrders = 500 }, new FakeTimeProvider(Start));
        Assert.Equal(a.PorMasterHdr.Snapshot(), b.PorMasterHdr.Snapshot());
        Assert.Equal(a.PorMasterDetail.Snapshot(), b.PorMasterDetail.Snapshot());
        Assert.Equal(a.ApSupplier.Snapshot(), b.ApSupplier.Snapshot());
        Assert.Equal(a.GenTransaction.Snapshot(), b.GenTransaction.Snapshot());
    }

    [Fact]
    public void Generate_Default_LooksLikeADistributor()
    {
        var data = new SysproData(new SysproSimulatorOptions(), new FakeTimeProvider(Start));
        Assert.Equal(20_000, data.PorMasterHdr.Count);
        Assert.InRange(data.PorMasterDetail.Count, 50_000, 70_000);
        Assert.Equal(200, data.ApSupplier.Count);
        Assert.InRange(data.ReqDetail.Count, 400, 800);
        Assert.All(SysproData.SpecialSupplierNames, n => data.SupplierNamed(n));
        Assert.All(Statuses, s => Assert.NotEmpty(data.PurchaseOrdersInStatus(s)));
        Assert.All(data.PorMasterHdr.Snapshot(), p => Assert.Equal(TimeSpan.Zero, p.OrderEntryDate!.Value.TimeOfDay));
        Assert.Contains(data.GenTransaction.Snapshot(), g => g.Source == "AP" && g.SubModApInvoice.Length > 0);
        Assert.Contains(data.GenTransaction.Snapshot(), g => g.Source != "AP");
        Assert.NotEmpty(data.PendingRequisitions());
        var stamps = data.PorMasterHdr.Snapshot().Select(p => p.TimeStamp).ToList();
        Assert.Equal(stamps.Order(), stamps);
    }

    [Fact]
    public void Changes_EachChange_GetsAHigherRowversionThanEverBefore()
    {
        var data = new SysproData(new SysproSimulatorOptions { PurchaseOrders = 300 }, new FakeTimeProvider(Start));
        var before = data.RowVersion;
        var submitted = data.SubmitPurchaseOrder(data.PurchaseOrdersInStatus("0").First().PurchaseOrder);
        var approved = data.ApprovePurchaseOrder(submitted.PurchaseOrder);
        Assert.True(submitted.TimeStamp > before);
        Assert.True(approved.TimeStamp > submitted.TimeStamp);
        Assert.Equal(approved.TimeStamp, data.RowVersion);
        Assert.Throws<KeyNotFoundException>(() => data.SubmitPurchaseOrder("999999999"));
    }

    [Theory]
    [InlineData("100001", "000000000100001")]
    [InlineData(" 000000000100001 ", "000000000100001")]
    [InlineData("ABC", "ABC")]
    public void NormalizePurchaseOrder_HandTypedKey_IsZeroPadded(string typed, string stored) =>
        Assert.Equal(stored, SysproKeys.NormalizePurchaseOrder(typed));
}
