using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.OData;

// One controller per entity set, named as the set (OData routes by controller name). They are one-liners over
// SysproODataController<T>, so they share a file. Internal, so no host discovers them by accident; the simulator
// adds them through SysproControllerFeatureProvider.
internal sealed class PorMasterHdrController(SysproData data, SysproSimulatorOptions options)
    : SysproODataController<PorMasterHdr>(data.PorMasterHdr, options);

internal sealed class PorMasterDetailController(SysproData data, SysproSimulatorOptions options)
    : SysproODataController<PorMasterDetail>(data.PorMasterDetail, options);

internal sealed class ApSupplierController(SysproData data, SysproSimulatorOptions options)
    : SysproODataController<ApSupplier>(data.ApSupplier, options);

internal sealed class ApInvoiceController(SysproData data, SysproSimulatorOptions options)
    : SysproODataController<ApInvoice>(data.ApInvoice, options);

internal sealed class GenTransactionController(SysproData data, SysproSimulatorOptions options)
    : SysproODataController<GenTransaction>(data.GenTransaction, options);

internal sealed class ReqDetailController(SysproData data, SysproSimulatorOptions options)
    : SysproODataController<ReqDetail>(data.ReqDetail, options);

internal sealed class InvBuyerController(SysproData data, SysproSimulatorOptions options)
    : SysproODataController<InvBuyer>(data.InvBuyer, options);
