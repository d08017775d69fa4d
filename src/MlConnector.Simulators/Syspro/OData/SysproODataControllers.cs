using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.OData;

// One controller per entity set, named as the set (OData routes by controller name). They are one-liners over
// SysproODataController<T>, so they share a file. Internal, so no host discovers them by accident; the simulator
// adds them through SysproControllerFeatureProvider.
internal sealed class PorMasterHdrController(SysproData data, ODataServices services)
    : SysproODataController<PorMasterHdr>(data.PorMasterHdr, services);

internal sealed class PorMasterDetailController(SysproData data, ODataServices services)
    : SysproODataController<PorMasterDetail>(data.PorMasterDetail, services);

internal sealed class ApSupplierController(SysproData data, ODataServices services)
    : SysproODataController<ApSupplier>(data.ApSupplier, services);

internal sealed class ApInvoiceController(SysproData data, ODataServices services)
    : SysproODataController<ApInvoice>(data.ApInvoice, services);

internal sealed class GenTransactionController(SysproData data, ODataServices services)
    : SysproODataController<GenTransaction>(data.GenTransaction, services);

internal sealed class ReqDetailController(SysproData data, ODataServices services)
    : SysproODataController<ReqDetail>(data.ReqDetail, services);

internal sealed class InvBuyerController(SysproData data, ODataServices services)
    : SysproODataController<InvBuyer>(data.InvBuyer, services);

internal sealed class ApPayRunHdrController(SysproData data, ODataServices services)
    : SysproODataController<ApPayRunHdr>(data.ApPayRunHdr, services);

internal sealed class ApPayRunDetController(SysproData data, ODataServices services)
    : SysproODataController<ApPayRunDet>(data.ApPayRunDet, services);

internal sealed class ApInvoicePayController(SysproData data, ODataServices services)
    : SysproODataController<ApInvoicePay>(data.ApInvoicePay, services);

internal sealed class GenJournalCtlController(SysproData data, ODataServices services)
    : SysproODataController<GenJournalCtl>(data.GenJournalCtl, services);

internal sealed class GenJournalDetailController(SysproData data, ODataServices services)
    : SysproODataController<GenJournalDetail>(data.GenJournalDetail, services);
