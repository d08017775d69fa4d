using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Tests.Detection;

/// <summary>The smallest rule detection runs: po-submitted on PorMasterHdr (OrderStatus becomes 1), no filter, no
/// enrichment. Tests change what they are about with <c>with</c>.</summary>
internal static class TestRules
{
    public static RuleDefinition PoSubmitted { get; } = new()
    {
        Id = "po-submitted",
        Description = "po-submitted",
        Company = "default",
        Transport = SysproTransport.OData,
        Table = "PorMasterHdr",
        KeyColumns = ["PurchaseOrder"],
        StatusColumn = "OrderStatus",
        Columns = ["Supplier"],
        Transitions = [new TransitionSpec(null, "1", false)],
        Filter = [],
        Watermark = WatermarkKind.None,
        WatermarkOverlap = TimeSpan.FromDays(1),
        Cadence = TimeSpan.FromMinutes(5),
        Enrich = [],
        Template = "x",
        Recipients = new RecipientRuleOptions(),
    };
}
