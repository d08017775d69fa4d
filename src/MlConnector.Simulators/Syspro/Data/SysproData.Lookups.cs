namespace MlConnector.Simulators.Syspro.Data;

/// <summary>Lookups for tests, the control API and the scenario driver.</summary>
public sealed partial class SysproData
{
    /// <summary>Supplier names seeded on purpose to exercise escaping: apostrophe, ampersand, non-ASCII letters.</summary>
    public static IReadOnlyList<string> SpecialSupplierNames { get; } = SysproDataGenerator.SpecialSupplierNames;

    public PorMasterHdr? FindPurchaseOrder(string purchaseOrder) =>
        PorMasterHdr.Find(Keys.NormalizePurchaseOrder(purchaseOrder));

    public IEnumerable<PorMasterHdr> PurchaseOrdersInStatus(string status) =>
        PorMasterHdr.Snapshot().Where(po => po.OrderStatus == status);

    public IEnumerable<PorMasterDetail> LinesOf(string purchaseOrder)
    {
        var key = Keys.NormalizePurchaseOrder(purchaseOrder);
        return PorMasterDetail.Snapshot().Where(l => l.PurchaseOrder == key);
    }

    public ApSupplier? FindSupplier(string supplier) => ApSupplier.Find(supplier.Trim());

    /// <summary>The supplier with exactly this name (e.g. <c>O'Brien &amp; Sons</c>).</summary>
    public ApSupplier SupplierNamed(string name) =>
        ApSupplier.Snapshot().FirstOrDefault(s => s.SupplierName == name)
        ?? throw new KeyNotFoundException($"No supplier is named {name}.");

    public IEnumerable<ReqDetail> PendingRequisitions() =>
        ReqDetail.Snapshot().Where(r => r.ReqnStatus == " ");

    public InvBuyer? FindBuyer(string buyer) => InvBuyer.Find(buyer.Trim());
}
