using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Tests.Simulators.Syspro;

/// <summary>The database-wide rowversion: unique, advanced by every change, and late commits that carry an older one.</summary>
public sealed class SysproRowVersionTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private readonly SysproData _data = new(new SysproSimulatorOptions { PurchaseOrders = 300 }, new FakeTimeProvider(Start));

    [Fact]
    public void Seed_EveryRowOfEveryTable_HasItsOwnRowversion()
    {
        var stamps = _data.Tables.Values
            .SelectMany(t => Rows(t).Select(r => (long)r.GetType().GetProperty("TimeStamp")!.GetValue(r)!))
            .ToList();
        Assert.Equal(stamps.Count, stamps.Distinct().Count());
        Assert.Equal(_data.RowVersion, stamps.Max());
    }

    [Fact]
    public void Changes_OfAnyKind_EachTakeTheNextRowversions()
    {
        var before = _data.RowVersion;
        var posted = _data.PostSupplierInvoice(_data.ApSupplier.Snapshot()[0].Supplier, "RV-1", 10m);
        var stamps = new[] { posted.Invoice.TimeStamp }.Concat(posted.GlRows.Select(g => g.TimeStamp))
            .Append(_data.ApSupplier.Snapshot()[0].TimeStamp).ToList();
        Assert.Equal(Enumerable.Range(1, 4).Select(i => before + i), stamps);

        var req = _data.PendingRequisitions().First();
        Assert.Equal(before + 5, _data.ApproveRequisition(req.Requisition, req.Line, "MO").TimeStamp);
        var updated = (PorMasterHdr)_data.UpdateRow("PorMasterHdr", [_data.PorMasterHdr.Snapshot()[0].PurchaseOrder],
            new Dictionary<string, string?> { ["Buyer"] = "JS" });
        Assert.Equal(before + 6, updated.TimeStamp);
        Assert.Equal(before + 6, _data.RowVersion);
    }

    [Fact]
    public void LateCommit_TakesItsRowversionWhenBegunAndShowsOnlyAtCommit()
    {
        var late = _data.PurchaseOrdersInStatus("0").First();
        var other = _data.PurchaseOrdersInStatus("0").Last();
        var pending = _data.BeginChange("PorMasterHdr", [late.PurchaseOrder], new Dictionary<string, string?> { ["OrderStatus"] = "1" });
        var submitted = _data.SubmitPurchaseOrder(other.PurchaseOrder);

        Assert.True(pending.RowVersion < submitted.TimeStamp);
        Assert.Equal(late, _data.FindPurchaseOrder(late.PurchaseOrder));
        Assert.Single(_data.PendingChanges());

        var committed = (PorMasterHdr)_data.Commit(pending.Id);
        Assert.Equal(("1", pending.RowVersion), (committed.OrderStatus, committed.TimeStamp));
        Assert.Equal(committed, _data.FindPurchaseOrder(late.PurchaseOrder));
        Assert.Equal(submitted.TimeStamp, _data.RowVersion);
        Assert.Empty(_data.PendingChanges());
        Assert.Throws<KeyNotFoundException>(() => _data.Commit(pending.Id));
    }

    [Fact]
    public void Rollback_LeavesTheRowAndUsesUpTheRowversion()
    {
        var po = _data.PurchaseOrdersInStatus("0").First();
        var pending = _data.BeginChange("PorMasterHdr", [po.PurchaseOrder], new Dictionary<string, string?> { ["OrderStatus"] = "1" });
        _data.Rollback(pending.Id);
        Assert.Equal(po, _data.FindPurchaseOrder(po.PurchaseOrder));
        Assert.Equal(pending.RowVersion, _data.RowVersion);
        Assert.Throws<InvalidOperationException>(() =>
            _data.BeginChange("PorMasterHdr", [po.PurchaseOrder], new Dictionary<string, string?> { ["PrintCount"] = "x" }));
    }

    private static IEnumerable<object> Rows(ISysproTable table) =>
        (IEnumerable<object>)table.GetType().GetMethod("Snapshot")!.Invoke(table, null)!;
}
