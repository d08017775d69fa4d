using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace MlConnector.Simulators.Syspro.OData;

/// <summary>
/// Adds the (internal) OData controllers of the simulator to MVC, and OData's own $metadata controller, which the
/// default discovery misses when the host's application assembly does not reference OData.
/// </summary>
internal sealed class SysproControllerFeatureProvider : IApplicationFeatureProvider<ControllerFeature>
{
    public static readonly Type[] Controllers =
    [
        typeof(PorMasterHdrController), typeof(PorMasterDetailController), typeof(ApSupplierController),
        typeof(ApInvoiceController), typeof(GenTransactionController), typeof(ReqDetailController),
        typeof(InvBuyerController), typeof(ApPayRunHdrController), typeof(ApPayRunDetController),
        typeof(ApInvoicePayController), typeof(GenJournalCtlController), typeof(GenJournalDetailController),
        typeof(MetadataController),
    ];

    public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature)
    {
        foreach (var type in Controllers.Select(t => t.GetTypeInfo()).Where(t => !feature.Controllers.Contains(t)))
        {
            feature.Controllers.Add(type);
        }
    }
}
