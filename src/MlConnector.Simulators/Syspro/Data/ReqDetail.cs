using System.ComponentModel.DataAnnotations;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>Requisition line (syspro.md section 3). <c>Requisition</c> is padded as <see cref="SysproKeyStyle"/> says.</summary>
public sealed record ReqDetail
{
    [Key]
    public required string Requisition { get; init; }

    [Key]
    [SqlDecimal(4, 0)]
    public int Line { get; init; }

    public string StockCode { get; init; } = "";

    public string StockDescription { get; init; } = "";

    [SqlDecimal(18, 6)]
    public decimal OrderQty { get; init; }

    public string OrderUom { get; init; } = "EA";

    public DateTimeOffset? DueDate { get; init; }

    [SqlDecimal(15, 5)]
    public decimal Price { get; init; }

    public string GlCode { get; init; } = "";

    public string Supplier { get; init; } = "";

    public string Originator { get; init; } = "";

    public string Buyer { get; init; } = "";

    public string Operator { get; init; } = "";

    public string CurrentHolder { get; init; } = "";

    /// <summary>Blank in progress, R approved, P confirmed into a PO, I issued, T transferred, * cancelled.</summary>
    public string ReqnStatus { get; init; } = " ";

    public DateTimeOffset? ApprovedDate { get; init; }

    public DateTimeOffset? DateReqnRaised { get; init; }

    public DateTimeOffset? DatePoConfirmed { get; init; }

    public long TimeStamp { get; init; }
}
