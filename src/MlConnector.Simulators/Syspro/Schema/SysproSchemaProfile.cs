namespace MlConnector.Simulators.Syspro.Schema;

/// <summary>Which tables and columns the simulated site exposes, over OData and to COMFND alike.</summary>
public enum SysproSchemaProfile
{
    /// <summary>Every seeded table and column (the default, as before profiles existed).</summary>
    Full,

    /// <summary>
    /// An older or trimmed site: PorMasterHdr without <c>Warehouse</c> and <c>SupplierClass</c>, ReqDetail without
    /// <c>StockCode</c> and <c>StockDescription</c>, and no <c>InvBuyer</c> table or entity set (issue 12).
    /// </summary>
    Minimal,
}
