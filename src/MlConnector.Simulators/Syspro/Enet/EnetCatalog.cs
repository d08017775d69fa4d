using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>The tables COMFND and COMFCH can read, by case-insensitive name.</summary>
internal sealed class EnetCatalog
{
    private readonly Dictionary<string, EnetTable> _tables;

    public EnetCatalog(SysproData data)
    {
        EnetTable[] tables =
        [
            EnetTable.FromEntity(data.PorMasterHdr),
            EnetTable.FromEntity(data.PorMasterDetail),
            EnetTable.FromEntity(data.ApSupplier),
            EnetTable.FromEntity(data.ApInvoice),
            EnetTable.FromEntity(data.GenTransaction),
            EnetTable.FromEntity(data.ReqDetail),
            EnetTable.FromEntity(data.InvBuyer),
            InvMasterSchema.Table(data.InvMaster),
        ];
        _tables = tables.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    public EnetTable? Find(string name) => _tables.GetValueOrDefault(name.Trim());
}
