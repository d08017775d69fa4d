using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace MlConnector.Simulators.Syspro.OData;

/// <summary>Adds the (internal) OData controllers of the simulator to MVC, and only those.</summary>
internal sealed class SysproControllerFeatureProvider : IApplicationFeatureProvider<ControllerFeature>
{
    public static readonly Type[] Controllers =
    [
        typeof(PorMasterHdrController), typeof(PorMasterDetailController), typeof(ApSupplierController),
        typeof(ApInvoiceController), typeof(GenTransactionController), typeof(ReqDetailController),
        typeof(InvBuyerController),
    ];

    public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature)
    {
        foreach (var type in Controllers.Select(t => t.GetTypeInfo()).Where(t => !feature.Controllers.Contains(t)))
        {
            feature.Controllers.Add(type);
        }
    }
}
