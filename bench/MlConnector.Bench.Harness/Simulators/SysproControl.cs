using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MlConnector.Bench.Harness.Simulators;

/// <summary>The SYSPRO simulator's control API (<c>/_sim/syspro</c>): the business changes the phases make, and a
/// fault window that makes SYSPRO reads fail while a burst of changes is made.</summary>
public sealed class SysproControl(Uri root) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = root, Timeout = TimeSpan.FromMinutes(5) };

    public Uri ODataRoot => new(root, "odata/");

    /// <summary>
    /// Reads each set the two sides read, once, in both paging styles (nextLink and $skip with $count), so the first
    /// poll measured is the side's, not the simulator's own first request (JIT, OData model, query compilation).
    /// </summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        string[] reads =
        [
            "$metadata",
            "PorMasterHdr?$select=PurchaseOrder,OrderStatus&$filter=(OrderStatus eq '0' or OrderStatus eq '4')&$orderby=PurchaseOrder&$top=5000",
            "PorMasterHdr?$select=PurchaseOrder,OrderStatus&$filter=(OrderStatus eq '0' or OrderStatus eq '4')&$orderby=PurchaseOrder&$top=1000&$skip=1000&$count=true",
            "PorMasterHdr?$select=PurchaseOrder&$orderby=PurchaseOrder&$top=10",
            "ReqDetail?$filter=(ReqnStatus eq ' ' or ReqnStatus eq 'R')&$orderby=Requisition,Line&$top=100",
            "ApInvoice?$filter=Journal gt 0 and JournalDate ge 2000-01-01T00:00:00Z&$orderby=Supplier,Invoice&$top=100",
            "ApSupplier?$select=Supplier,SupplierName&$top=5",
            "InvBuyer?$top=5",
            "PorMasterDetail?$filter=PurchaseOrder eq '000000000000001'&$select=Line,MOrderQty,MPrice",
        ];
        foreach (var read in reads)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(ODataRoot, read));
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("odata:odata-password"u8));
            using var response = await _http.SendAsync(message, ct);
            await EnsureAsync(response, $"read {read}", ct);
        }
    }

    public async Task<IReadOnlyList<JsonObject>> PurchaseOrdersAsync(string status, int take, CancellationToken ct)
    {
        var list = await _http.GetFromJsonAsync<JsonArray>($"_sim/syspro/purchase-orders?status={Uri.EscapeDataString(status)}&take={take}", ct)
            ?? throw new InvalidOperationException("The SYSPRO simulator answered no purchase orders.");
        return [.. list.OfType<JsonObject>()];
    }

    /// <summary>submit (0 to 1), approve (0 or 1 to 4) or cancel (to *): returns when the simulator has made it.</summary>
    public async Task ChangeAsync(string purchaseOrder, string action, CancellationToken ct)
    {
        using var response = await _http.PostAsync($"_sim/syspro/purchase-orders/{Uri.EscapeDataString(purchaseOrder)}/{action}", null, ct);
        await EnsureAsync(response, $"{action} PO {purchaseOrder}", ct);
    }

    /// <summary>A new order in status 0; returns its number.</summary>
    public async Task<string> CreatePurchaseOrderAsync(string supplier, string buyer, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("_sim/syspro/purchase-orders",
            new { supplier, buyer, quantity = 10, price = 12.5m }, ct);
        await EnsureAsync(response, "create a PO", ct);
        var order = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        return order?["purchaseOrder"]?.GetValue<string>() ?? throw new InvalidOperationException("The created PO has no number.");
    }

    /// <summary>Every SYSPRO read (OData, e.net) fails for this long; the control API keeps working.</summary>
    public async Task FailReadsForAsync(TimeSpan duration, CancellationToken ct)
    {
        using var response = await _http.PutAsJsonAsync("_sim/syspro/faults", new { failForSeconds = (int)duration.TotalSeconds }, ct);
        await EnsureAsync(response, "start a fault window", ct);
    }

    public async Task ClearFaultsAsync(CancellationToken ct)
    {
        using var response = await _http.DeleteAsync("_sim/syspro/faults", ct);
        await EnsureAsync(response, "clear the faults", ct);
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException($"SYSPRO simulator: could not {what}: {(int)response.StatusCode} {body}");
        }
    }
}
