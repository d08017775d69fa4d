using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>Space- and zero-padded keys kept and matched verbatim, over OData and e.net (issue 12, seen 7).</summary>
public sealed class SysproPaddedKeyTests(SysproPaddedKeyTests.Styles styles) : IClassFixture<SysproPaddedKeyTests.Styles>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SysproKeyStyle.Spaces, " 00007", new[] { "7", "00007", "7 " })]
    [InlineData(SysproKeyStyle.Zeros, "000000000100007", new[] { "100007", " 100007", "00000000100007" })]
    public async Task OData_PaddedKey_IsServedAndMatchedVerbatim(SysproKeyStyle style, string key, string[] others)
    {
        var sim = styles.Of(style);
        var rows = await ValuesAsync(sim, "PorMasterHdr?$select=PurchaseOrder&$filter=" + Uri.EscapeDataString($"PurchaseOrder eq '{key}'"));
        Assert.Equal(key, Assert.Single(rows).GetProperty("PurchaseOrder").GetString());
        foreach (var other in others)
        {
            Assert.Empty(await ValuesAsync(sim, "PorMasterHdr?$filter=" + Uri.EscapeDataString($"PurchaseOrder eq '{other}'")));
        }
    }

    [Fact]
    public async Task OData_KeysetPagingOverSpacePaddedKeys_ReadsEveryOrderOnceInOrder()
    {
        var sim = styles.Spaces;
        var seen = new List<string>();
        while (true)
        {
            var filter = seen.Count == 0 ? "" : "&$filter=" + Uri.EscapeDataString($"PurchaseOrder gt '{seen[^1]}'");
            var page = await ValuesAsync(sim, "PorMasterHdr?$select=PurchaseOrder&$orderby=PurchaseOrder" + filter);
            if (page.Count == 0) break;
            seen.AddRange(page.Select(r => r.GetProperty("PurchaseOrder").GetString()!));
        }

        Assert.Equal(sim.Simulator.Data.PorMasterHdr.Snapshot().Select(p => p.PurchaseOrder), seen);
        Assert.Equal(" 00001", seen[0]);
    }

    [Fact]
    public async Task OData_KeysetPagingOverCompositePaddedKeys_ReadsEveryLineOnce()
    {
        var sim = styles.Spaces;
        var seen = new List<(string Po, int Line)>();
        while (true)
        {
            var filter = seen.Count == 0 ? "" : "&$filter=" + Uri.EscapeDataString(
                $"PurchaseOrder gt '{seen[^1].Po}' or (PurchaseOrder eq '{seen[^1].Po}' and Line gt {seen[^1].Line})");
            var page = await ValuesAsync(sim, "PorMasterDetail?$select=PurchaseOrder,Line&$orderby=PurchaseOrder,Line" + filter);
            if (page.Count == 0) break;
            seen.AddRange(page.Select(r => (r.GetProperty("PurchaseOrder").GetString()!, r.GetProperty("Line").GetInt32())));
        }

        Assert.Equal(sim.Simulator.Data.PorMasterDetail.Snapshot().Select(l => (l.PurchaseOrder, l.Line)), seen);
    }

    [Theory]
    [InlineData(SysproKeyStyle.Spaces, " 00007", "7")]
    [InlineData(SysproKeyStyle.Zeros, "000000000100007", "100007")]
    public async Task Comfnd_PaddedKey_IsPrintedAndMatchedVerbatim(SysproKeyStyle style, string key, string unpadded)
    {
        var sim = styles.Of(style);
        var rows = Rows(await sim.ComfndAsync(EnetTestClient.Comfnd("PorMasterHdr", ["PurchaseOrder"], [("PurchaseOrder", "EQ", key)])));
        Assert.Equal(key, Assert.Single(rows).Element("PurchaseOrder")!.Value);
        Assert.Empty(Rows(await sim.ComfndAsync(EnetTestClient.Comfnd("PorMasterHdr", ["PurchaseOrder"], [("PurchaseOrder", "EQ", unpadded)]))));
    }

    [Fact]
    public async Task Comfnd_KeysetPagingOverSpacePaddedKeys_ReadsEveryOrderOnceInOrder()
    {
        var sim = styles.Spaces;
        var userId = await sim.Enet.LogonUserIdAsync();
        var seen = new List<string>();
        while (true)
        {
            var where = seen.Count == 0 ? [] : new[] { ("PurchaseOrder", "GT", seen[^1]) };
            var reply = await sim.Enet.QueryAsync(userId, "COMFND",
                EnetTestClient.Comfnd("PorMasterHdr", ["PurchaseOrder"], where, orderBy: "PurchaseOrder", returnRows: 7));
            var rows = Rows(reply.Text);
            if (rows.Count == 0) break;
            seen.AddRange(rows.Select(r => r.Element("PurchaseOrder")!.Value));
        }

        Assert.Equal(sim.Simulator.Data.PorMasterHdr.Snapshot().Select(p => p.PurchaseOrder), seen);
    }

    [Fact]
    public async Task Comfnd_KeysetPagingOverCompositePaddedKeys_ReadsEveryRequisitionLineOnce()
    {
        var sim = styles.Spaces;
        var userId = await sim.Enet.LogonUserIdAsync();
        var seen = new List<(string Req, int Line)>();
        while (true)
        {
            var where = seen.Count == 0 ? "" : $"""
                <Where>
                <Expression><OpenBracket>(</OpenBracket><Column>Requisition</Column><Condition>GT</Condition><Value>{seen[^1].Req}</Value><CloseBracket>)</CloseBracket></Expression>
                <Expression><OpenBracket>(</OpenBracket><AndOr>Or</AndOr><Column>Requisition</Column><Condition>EQ</Condition><Value>{seen[^1].Req}</Value><CloseBracket/></Expression>
                <Expression><OpenBracket/><AndOr>And</AndOr><Column>Line</Column><Condition>GT</Condition><Value>{seen[^1].Line}</Value><CloseBracket>)</CloseBracket></Expression>
                </Where>
                """;
            var reply = await sim.Enet.QueryAsync(userId, "COMFND", $"""
                <Query><TableName>ReqDetail</TableName><ReturnRows>9</ReturnRows><Columns><Column>Requisition</Column><Column>Line</Column></Columns>
                {where}<OrderBy><Column>Requisition</Column><Column>Line</Column></OrderBy></Query>
                """);
            var rows = Rows(reply.Text);
            if (rows.Count == 0) break;
            seen.AddRange(rows.Select(r => (r.Element("Requisition")!.Value, int.Parse(r.Element("Line")!.Value.Trim(), CultureInfo.InvariantCulture))));
        }

        Assert.Equal(sim.Simulator.Data.ReqDetail.Snapshot().Select(r => (r.Requisition, r.Line)), seen);
    }

    [Theory]
    [InlineData(SysproKeyStyle.Spaces, " 00007", "7")]
    [InlineData(SysproKeyStyle.Zeros, "000000000100007", "100007")]
    public async Task Porqry_PaddedKey_FindsOnlyTheVerbatimKey(SysproKeyStyle style, string key, string unpadded)
    {
        var sim = styles.Of(style);
        var userId = await sim.Enet.LogonUserIdAsync();
        var found = await sim.Enet.QueryAsync(userId, "PORQRY", $"<Query><Key><PurchaseOrder>{key}</PurchaseOrder></Key></Query>");
        Assert.Equal(key, XDocument.Parse(found.Text).Root!.Element("PurchaseOrder")!.Value);
        var missing = await sim.Enet.QueryAsync(userId, "PORQRY", $"<Query><Key><PurchaseOrder>{unpadded}</PurchaseOrder></Key></Query>");
        Assert.Equal($"ERROR: Purchase order '{unpadded}' not found.", missing.Text);
    }

    [Fact]
    public async Task ControlApi_SpacePaddedKeyInPath_ChangesThatOrder()
    {
        var sim = styles.Spaces;
        var po = sim.Simulator.Data.PurchaseOrdersInStatus("0").First().PurchaseOrder;
        var submitted = await sim.ControlAsync<PorMasterHdr>(HttpMethod.Post, $"purchase-orders/{Uri.EscapeDataString(po)}/submit");
        Assert.Equal((po, "1"), (submitted.PurchaseOrder, submitted.OrderStatus));
        using var response = await sim.Http.PostAsync(new Uri(sim.Simulator.ControlAddress, $"purchase-orders/{po.Trim().TrimStart('0')}/submit"), null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<List<JsonElement>> ValuesAsync(SysproTestSimulator sim, string relative)
    {
        var (status, _, body) = await sim.ODataAsync(relative);
        Assert.True(status == 200, $"{status} {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray()];
    }

    private static List<XElement> Rows(string xml) => [.. XDocument.Parse(xml).Root!.Elements("Row")];

    /// <summary>
    /// One simulator per padded style, shared: the tests read keys, which no change alters (the control API test
    /// submits one order). Pages are capped at 30 rows without a nextLink.
    /// </summary>
    public sealed class Styles : IAsyncLifetime
    {
        public SysproTestSimulator Spaces { get; private set; } = null!;

        public SysproTestSimulator Zeros { get; private set; } = null!;

        public SysproTestSimulator Of(SysproKeyStyle style) => style == SysproKeyStyle.Spaces ? Spaces : Zeros;

        public async ValueTask InitializeAsync()
        {
            Spaces = await StartAsync(SysproKeyStyle.Spaces);
            Zeros = await StartAsync(SysproKeyStyle.Zeros);
        }

        public async ValueTask DisposeAsync()
        {
            await Spaces.DisposeAsync();
            await Zeros.DisposeAsync();
        }

        private static Task<SysproTestSimulator> StartAsync(SysproKeyStyle style) => SysproTestSimulator.StartAsync(o =>
        {
            o.KeyStyle = style;
            o.ODataPageSize = 30;
            o.ODataPagesWithoutNextLink = true;
        });
    }
}
