using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>SYSPRO keys verbatim, leading spaces and zeros included, over both transports (issue 12, seen 7).</summary>
public sealed class PaddedKeyTests
{
    private static readonly Dictionary<string, string?> TwoRowPages = new()
    {
        ["Syspro:Enet:PageSize"] = "2",
        ["Syspro:OData:PageSize"] = "2",
    };

    [Theory]
    [InlineData(SysproTransport.OData, SysproKeyStyle.Spaces)]
    [InlineData(SysproTransport.Enet, SysproKeyStyle.Spaces)]
    [InlineData(SysproTransport.OData, SysproKeyStyle.Zeros)]
    [InlineData(SysproTransport.Enet, SysproKeyStyle.Zeros)]
    public async Task PoSubmitted_PaddedKeys_ReadWholeKeptVerbatimAndShownWithoutLeadingSpaces(SysproTransport transport, SysproKeyStyle style)
    {
        await using var harness = await SysproSideHarness.StartAsync(transport, o => o.KeyStyle = style, settings: TwoRowPages,
            purchaseOrders: 40);
        var data = harness.Simulator.Data;
        var open = data.PorMasterHdr.Snapshot().Count(p => p.OrderStatus is "0" or "1" or "4");

        var baseline = await harness.PollAsync(RulePresets.PoSubmitted);
        var po = data.PurchaseOrdersInStatus("0").First();
        data.SubmitPurchaseOrder(po.PurchaseOrder);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.PollAsync(RulePresets.PoSubmitted);

        Assert.Equal(open, baseline.RowsRead);
        var alerts = await harness.AlertsAsync(RulePresets.PoSubmitted);
        Assert.Equal(2, alerts.Count);
        var supplier = data.FindSupplier(po.Supplier)!;
        var lines = data.LinesOf(po.PurchaseOrder).Count();
        Assert.All(alerts, a =>
        {
            Assert.Equal(po.PurchaseOrder, a.SourceKey);
            Assert.StartsWith($"PO {po.PurchaseOrder.TrimStart()} awaits your approval: {supplier.SupplierName}, ", a.Body, StringComparison.Ordinal);
            Assert.Contains($" {lines} line", a.Body, StringComparison.Ordinal);
        });
    }
}
