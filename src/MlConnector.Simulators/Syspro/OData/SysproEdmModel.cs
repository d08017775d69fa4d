using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Syspro.Schema;

namespace MlConnector.Simulators.Syspro.OData;

/// <summary>
/// One typed entity set per SYSPRO table, named as the table (design.md: dates as Edm.DateTimeOffset at midnight
/// UTC, the rowversion TimeStamp as Edm.Int64). The entity-set names are an assumption to check on a live site.
/// A schema profile leaves tables and columns out, so the service answers for them as for any unknown name; a column
/// the site refuses to filter by is declared so.
/// </summary>
internal static class SysproEdmModel
{
    public const string Namespace = "SYSPRO";

    public static IEdmModel Build(SysproSchema schema)
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "SysproCompany" };
        Add<PorMasterHdr>(builder, schema);
        Add<PorMasterDetail>(builder, schema);
        Add<ApSupplier>(builder, schema);
        Add<ApInvoice>(builder, schema);
        Add<GenTransaction>(builder, schema);
        Add<ReqDetail>(builder, schema);
        Add<InvBuyer>(builder, schema);
        Add<ApPayRunHdr>(builder, schema);
        Add<ApPayRunDet>(builder, schema);
        Add<ApInvoicePay>(builder, schema);
        Add<GenJournalCtl>(builder, schema);
        Add<GenJournalDetail>(builder, schema);
        return builder.GetEdmModel();
    }

    private static void Add<T>(ODataConventionModelBuilder builder, SysproSchema schema)
        where T : class
    {
        var name = typeof(T).Name;
        if (!schema.HasTable(name))
        {
            return;
        }

        builder.EntitySet<T>(name);
        var type = builder.StructuralTypes.Single(t => t.ClrType == typeof(T));
        foreach (var column in schema.HiddenColumns(name))
        {
            type.RemoveProperty(typeof(T).GetProperty(column)!);
        }

        // Declared not filterable and not sortable: the query validator answers 400 for a $filter or $orderby on it.
        foreach (var column in schema.UnfilterableColumns(name))
        {
            var property = type.AddProperty(typeof(T).GetProperty(column)!);
            property.NotFilterable = true;
            property.NotSortable = true;
        }
    }
}
