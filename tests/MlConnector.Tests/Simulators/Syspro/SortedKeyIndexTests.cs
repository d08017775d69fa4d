using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Tests.Simulators.Syspro;

/// <summary>The key index behind keyset pages: built once, kept in order across updates and inserts.</summary>
public sealed class SortedKeyIndexTests
{
    private static readonly Comparer<ApInvoice> ByKey = Comparer<ApInvoice>.Create((a, b) =>
        string.CompareOrdinal(a.Supplier, b.Supplier) is var c && c != 0 ? c : string.CompareOrdinal(a.Invoice, b.Invoice));

    [Fact]
    public void Sorted_AfterInsertsAndUpdates_StaysInKeyOrderWithCurrentRows()
    {
        var data = new SysproData(new SysproSimulatorOptions { PurchaseOrders = 200 }, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(55)));
        var first = data.ApInvoice.Sorted("test", ByKey);
        Assert.Equal(data.ApInvoice.Snapshot().Order(ByKey), first);

        var supplier = data.ApSupplier.Snapshot()[5].Supplier;
        data.PostSupplierInvoice(supplier, "AAA-0", 1m);
        data.PostSupplierInvoice(supplier, "zzz-0", 2m);
        data.PostSupplierInvoice(data.ApSupplier.Snapshot()[0].Supplier, "MID-0", 3m);
        var changed = (ApInvoice)data.UpdateRow("ApInvoice", [supplier, "AAA-0"], new Dictionary<string, string?> { ["Reference"] = "changed" });

        var after = data.ApInvoice.Sorted("test", ByKey);
        Assert.Equal(data.ApInvoice.Snapshot().Order(ByKey), after);
        Assert.Contains(changed, after);
        Assert.Equal(first.Count + 3, after.Count);
    }

    [Fact]
    public void First_FindsTheFirstRowAtOrAfterABound()
    {
        var data = new SysproData(new SysproSimulatorOptions { PurchaseOrders = 200 }, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(55)));
        var sorted = data.ApInvoice.Sorted("test", ByKey);
        var middle = sorted[sorted.Count / 2];
        var at = sorted.First(r => ByKey.Compare(r, middle) >= 0);
        Assert.Equal(sorted.Count / 2, at);
        Assert.Equal(0, sorted.First(_ => true));
        Assert.Equal(sorted.Count, sorted.First(_ => false));
        Assert.Equal(sorted.Skip(at), sorted.From(at));
    }
}
