using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.OData;

/// <summary>
/// One typed entity set per SYSPRO table, named as the table (design.md: dates as Edm.DateTimeOffset at midnight
/// UTC, the rowversion TimeStamp as Edm.Int64). The entity-set names are an assumption to check on a live site.
/// </summary>
internal static class SysproEdmModel
{
    public const string Namespace = "SYSPRO";

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "SysproCompany" };
        builder.EntitySet<PorMasterHdr>(nameof(PorMasterHdr));
        builder.EntitySet<PorMasterDetail>(nameof(PorMasterDetail));
        builder.EntitySet<ApSupplier>(nameof(ApSupplier));
        builder.EntitySet<ApInvoice>(nameof(ApInvoice));
        builder.EntitySet<GenTransaction>(nameof(GenTransaction));
        builder.EntitySet<ReqDetail>(nameof(ReqDetail));
        builder.EntitySet<InvBuyer>(nameof(InvBuyer));
        return builder.GetEdmModel();
    }
}
