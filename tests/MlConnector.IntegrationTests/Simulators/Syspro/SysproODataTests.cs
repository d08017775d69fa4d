using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

[Collection(SysproSharedGroup.Name)]
public sealed class SysproODataTests(SysproSimulatorFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PorMasterHdr_FollowingNextLink_ReturnsAll20000RowsInCappedPages()
    {
        var url = new Uri(fixture.Simulator.ODataAddress, "PorMasterHdr?$select=PurchaseOrder,OrderStatus");
        var keys = new HashSet<string>();
        var pages = 0;
        while (url is not null)
        {
            using var page = await GetJsonAsync(fixture.Http, url);
            var rows = page.RootElement.GetProperty("value");
            Assert.True(rows.GetArrayLength() <= 5000);
            foreach (var row in rows.EnumerateArray())
            {
                Assert.True(keys.Add(row.GetProperty("PurchaseOrder").GetString()!));
            }

            pages++;
            url = page.RootElement.TryGetProperty("@odata.nextLink", out var next) ? new Uri(next.GetString()!) : null;
        }

        Assert.Equal(20_000, keys.Count);
        Assert.Equal(4, pages);
        Assert.All(keys, k => Assert.Equal(15, k.Length));
    }

    [Fact]
    public async Task PorMasterHdr_FilterOrderStatus1_ReturnsOnlyReadyToPrintOrders()
    {
        using var doc = await GetJsonAsync(fixture.Http, new Uri(fixture.Simulator.ODataAddress,
            "PorMasterHdr?$filter=" + Uri.EscapeDataString("OrderStatus eq '1'") + "&$count=true"));
        var rows = doc.RootElement.GetProperty("value").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("1", r.GetProperty("OrderStatus").GetString()));
        Assert.Equal(fixture.Simulator.Data.PurchaseOrdersInStatus("1").Count(), doc.RootElement.GetProperty("@odata.count").GetInt32());
    }

    [Theory]
    [InlineData("O'Brien & Sons")]
    [InlineData("Müller Großhandel")]
    [InlineData("Café Société")]
    public async Task ApSupplier_FilterOnSpecialName_ReturnsThatSupplier(string name)
    {
        var literal = "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
        using var doc = await GetJsonAsync(fixture.Http, new Uri(fixture.Simulator.ODataAddress,
            "ApSupplier?$filter=" + Uri.EscapeDataString($"SupplierName eq {literal}")));
        var row = Assert.Single(doc.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(name, row.GetProperty("SupplierName").GetString());
        Assert.Equal(fixture.Simulator.Data.SupplierNamed(name).Supplier, row.GetProperty("Supplier").GetString());
    }

    [Fact]
    public async Task ApInvoice_SelectOrderByTopSkip_AppliesQueryOptions()
    {
        using var doc = await GetJsonAsync(fixture.Http, new Uri(fixture.Simulator.ODataAddress,
            "ApInvoice?$select=Invoice,JournalDate,TimeStamp&$orderby=TimeStamp desc&$top=3&$skip=1"));
        var rows = doc.RootElement.GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(3, rows[0].EnumerateObject().Count());
        Assert.True(rows[0].GetProperty("TimeStamp").GetInt64() > rows[1].GetProperty("TimeStamp").GetInt64());
        Assert.EndsWith("T00:00:00Z", rows[0].GetProperty("JournalDate").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_DatesAndRowversion_AreDateTimeOffsetAndInt64()
    {
        var xml = await fixture.Http.GetStringAsync(new Uri(fixture.Simulator.ODataAddress, "$metadata"), Ct);
        Assert.Contains("<EntitySet Name=\"PorMasterHdr\"", xml, StringComparison.Ordinal);
        Assert.Contains("<Property Name=\"OrderEntryDate\" Type=\"Edm.DateTimeOffset\"", xml, StringComparison.Ordinal);
        Assert.Contains("<Property Name=\"TimeStamp\" Type=\"Edm.Int64\" Nullable=\"false\"", xml, StringComparison.Ordinal);
        foreach (var set in new[] { "PorMasterDetail", "ApSupplier", "ApInvoice", "GenTransaction", "ReqDetail", "InvBuyer" })
        {
            Assert.Contains($"<EntitySet Name=\"{set}\"", xml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OData_WithoutOrWithWrongCredentials_Returns401WithBasicChallenge()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };
        using var response = await anonymous.GetAsync(new Uri(fixture.Simulator.ODataAddress, "InvBuyer"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);

        anonymous.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("odata:wrong"u8.ToArray()));
        using var wrong = await anonymous.GetAsync(new Uri(fixture.Simulator.ODataAddress, "InvBuyer"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task OData_PagesWithoutNextLinkSwitch_CapsPagesAndSkipPagingReadsAll()
    {
        var options = new SysproSimulatorOptions { PurchaseOrders = 250, ODataPageSize = 100, ODataPagesWithoutNextLink = true };
        await using var simulator = await SysproSimulator.StartAsync(options, new FakeTimeProvider(SysproSimulatorFixture.Start), cancellationToken: Ct);
        using var http = SysproSimulatorFixture.CreateClient(simulator);
        var total = 0;
        for (var skip = 0; ; skip += 100)
        {
            using var page = await GetJsonAsync(http, new Uri(simulator.ODataAddress, $"PorMasterHdr?$orderby=PurchaseOrder&$skip={skip}"));
            Assert.False(page.RootElement.TryGetProperty("@odata.nextLink", out _));
            var count = page.RootElement.GetProperty("value").GetArrayLength();
            Assert.True(count <= 100);
            total += count;
            if (count < 100) break;
        }

        Assert.Equal(250, total);
    }

    internal static async Task<JsonDocument> GetJsonAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
