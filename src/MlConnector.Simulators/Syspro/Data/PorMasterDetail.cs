using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>Purchase order line (syspro.md section 3).</summary>
public sealed record PorMasterDetail
{
    [Key]
    public required string PurchaseOrder { get; init; }

    [Key]
    [SqlDecimal(4, 0)]
    public int Line { get; init; }

    /// <summary>1 = stocked line.</summary>
    public string LineType { get; init; } = "1";

    public string MStockCode { get; init; } = "";

    public string MStockDes { get; init; } = "";

    public string MWarehouse { get; init; } = "";

    public string MOrderUom { get; init; } = "EA";

    [SqlDecimal(18, 6)]
    public decimal MOrderQty { get; init; }

    [SqlDecimal(18, 6)]
    public decimal MReceivedQty { get; init; }

    public DateTimeOffset? MLatestDueDate { get; init; }

    public DateTimeOffset? MLastReceiptDat { get; init; }

    public DateTimeOffset? MOrigDueDate { get; init; }

    [SqlDecimal(15, 5)]
    public decimal MPrice { get; init; }

    [SqlDecimal(15, 5)]
    public decimal MForeignPrice { get; init; }

    public string MPriceUom { get; init; } = "EA";

    public string MTaxCode { get; init; } = "A";

    public string MProductClass { get; init; } = "";

    public string MCompleteFlag { get; init; } = " ";

    public string MGlCode { get; init; } = "";

    public string MUserAuthReqn { get; init; } = "";

    public string MRequisition { get; init; } = "";

    [SqlDecimal(4, 0)]
    public int MRequisitionLine { get; init; }

    public string MSalesOrder { get; init; } = "";

    public string NComment { get; init; } = "";

    public string OrderLineStatus { get; init; } = " ";

    public long TimeStamp { get; init; }
}
