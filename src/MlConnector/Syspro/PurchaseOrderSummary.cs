namespace MlConnector.Syspro;

/// <summary>What a text about a purchase order needs beyond its header row.</summary>
public sealed record PurchaseOrderSummary(string? SupplierName, string? BuyerName, int LineCount, decimal Total);

/// <summary>A source that can describe a purchase order in one call (e.net's PORQRY business object).</summary>
public interface IPurchaseOrderSummaries
{
    Task<PurchaseOrderSummary> PurchaseOrderAsync(string purchaseOrder, CancellationToken cancellationToken);
}
