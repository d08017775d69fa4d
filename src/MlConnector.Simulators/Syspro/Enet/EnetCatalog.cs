using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Syspro.Schema;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>The tables COMFND and COMFCH can read, by case-insensitive name, as the schema profile exposes them.</summary>
internal sealed class EnetCatalog
{
    private readonly Dictionary<string, EnetTable> _tables;
    private readonly SysproSchema _schema;

    public EnetCatalog(SysproData data, SysproSchema schema)
    {
        _schema = schema;
        EnetTable[] tables =
        [
            Entity(data.PorMasterHdr),
            Entity(data.PorMasterDetail),
            Entity(data.ApSupplier),
            Entity(data.ApInvoice),
            Entity(data.GenTransaction),
            Entity(data.ReqDetail),
            Entity(data.InvBuyer),
            Entity(data.ApPayRunHdr),
            Entity(data.ApPayRunDet),
            Entity(data.ApInvoicePay),
            Entity(data.GenJournalCtl),
            Entity(data.GenJournalDetail),
            InvMasterSchema.Table(data.InvMaster),
        ];
        _tables = tables.Where(t => schema.HasTable(t.Name)).ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

        EnetTable Entity<T>(SysproTable<T> table)
            where T : class => EnetTable.FromEntity(table, column => schema.HasColumn(table.Name, column));
    }

    public EnetTable? Find(string name) => _tables.GetValueOrDefault(name.Trim());

    /// <summary>Whether the site refuses a Where or OrderBy on the column (it still returns it).</summary>
    public bool Refuses(EnetTable table, string column) => _schema.IsUnfilterable(table.Name, column.Trim());
}
