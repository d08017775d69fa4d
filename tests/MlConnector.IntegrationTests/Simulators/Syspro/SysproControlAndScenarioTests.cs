using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>Business changes through the control API and the scenario driver, on a small simulator.</summary>
public sealed class SysproControlAndScenarioTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(SysproSimulatorFixture.Start);
    private SysproSimulator _simulator = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _simulator = await SysproSimulator.StartAsync(
            new SysproSimulatorOptions { PurchaseOrders = 400, ScenarioInterval = TimeSpan.FromSeconds(10) }, _time,
            cancellationToken: Ct);
        _http = SysproSimulatorFixture.CreateClient(_simulator);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task ControlApi_SubmitThenApprove_MovesStatus0To1To4AndBumpsRowversion()
    {
        var po = _simulator.Data.PurchaseOrdersInStatus("0").First();
        _time.Advance(TimeSpan.FromDays(2));

        var submitted = await PostAsync<PorMasterHdr>($"purchase-orders/{po.PurchaseOrder.TrimStart('0')}/submit");
        Assert.Equal("1", submitted.OrderStatus);
        Assert.True(submitted.TimeStamp > po.TimeStamp);

        var approved = await PostAsync<PorMasterHdr>($"purchase-orders/{po.PurchaseOrder}/approve");
        Assert.Equal("4", approved.OrderStatus);
        Assert.True(approved.TimeStamp > submitted.TimeStamp);
        Assert.Equal(new DateTimeOffset(2025, 3, 16, 0, 0, 0, TimeSpan.Zero), approved.DateLastDocPrt);

        using var again = await _http.PostAsync(new Uri(_simulator.ControlAddress, $"purchase-orders/{po.PurchaseOrder}/submit"), null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task ControlApi_Cancel_SetsStar()
    {
        var po = _simulator.Data.PurchaseOrdersInStatus("1").First();
        Assert.Equal("*", (await PostAsync<PorMasterHdr>($"purchase-orders/{po.PurchaseOrder}/cancel")).OrderStatus);
    }

    [Fact]
    public async Task ControlApi_ApproveRequisition_SetsRAndApprovedDate()
    {
        var req = _simulator.Data.PendingRequisitions().First();
        var approved = await PostAsync<ReqDetail>($"requisitions/{req.Requisition}/{req.Line}/approve", new { approver = "MO" });
        Assert.Equal("R", approved.ReqnStatus);
        Assert.Equal(_simulator.Data.Today, approved.ApprovedDate);
        Assert.Equal("MO", approved.CurrentHolder);
    }

    [Fact]
    public async Task ControlApi_PostInvoice_AddsApInvoiceWithJournalAndApGlRows()
    {
        var supplier = _simulator.Data.SupplierNamed("Müller Großhandel");
        var before = _simulator.Data.GenTransaction.Count;
        var posted = await PostAsync<PostedInvoice>("invoices", new { supplier = supplier.Supplier, invoice = "MG-4711", amount = 1234.56m });

        Assert.Equal("MG-4711", posted.Invoice.Invoice);
        Assert.True(posted.Invoice.Journal > 0);
        Assert.Equal(_simulator.Data.Today, posted.Invoice.JournalDate);
        Assert.Equal(2, posted.GlRows.Count);
        Assert.All(posted.GlRows, r => Assert.Equal(("AP", supplier.Supplier, "MG-4711"), (r.Source, r.SubModSupplier, r.SubModApInvoice)));
        Assert.Equal(0m, posted.GlRows.Sum(r => r.EntryValue));
        Assert.Equal(before + 2, _simulator.Data.GenTransaction.Count);
    }

    [Fact]
    public async Task ControlApi_FaultsAndSessions_AreControllable()
    {
        using var put = await _http.PutAsJsonAsync(new Uri(_simulator.ControlAddress, "faults"), new { failNext = 1 }, Ct);
        put.EnsureSuccessStatusCode();
        using var failed = await _http.GetAsync(new Uri(_simulator.EnetAddress, "GetVersion"), Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        using var ok = await _http.GetAsync(new Uri(_simulator.EnetAddress, "GetVersion"), Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        await new EnetTestClient(_http, _simulator).LogonUserIdAsync();
        using var expire = await _http.DeleteAsync(new Uri(_simulator.ControlAddress, "sessions"), Ct);
        expire.EnsureSuccessStatusCode();
        Assert.Equal(0, _simulator.OpenSessions);
    }

    [Fact]
    public async Task ScenarioDriver_OnTheFakeClock_SubmitsApprovesAndPosts()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = _simulator.Scenario.RunAsync(cts.Token);
        for (var i = 0; i < 1000 && _simulator.Scenario.Steps < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(1, Ct);
        }

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(_simulator.Scenario.Steps >= 5);
        Assert.Contains(_simulator.Data.ApInvoice.Snapshot(), i => i.Invoice.StartsWith("SIM-", StringComparison.Ordinal));
        Assert.Contains(_simulator.Data.PurchaseOrdersInStatus("4"), p => p.DateLastDocPrt > _simulator.Data.SeededOn);
    }

    [Fact]
    public async Task ScenarioDriver_SameSeedAndData_MakesTheSameChanges()
    {
        await using var twin = await SysproSimulator.StartAsync(
            new SysproSimulatorOptions { PurchaseOrders = 400 }, new FakeTimeProvider(SysproSimulatorFixture.Start), cancellationToken: Ct);
        var mine = Enumerable.Range(0, 12).SelectMany(_ => _simulator.Scenario.Step()).ToList();
        var theirs = Enumerable.Range(0, 12).SelectMany(_ => twin.Scenario.Step()).ToList();
        Assert.Equal(mine, theirs);
        Assert.Contains(mine, c => c.StartsWith("approved requisition", StringComparison.Ordinal));
    }

    [Fact]
    public void ScenarioDriver_TwentySteps_PostsAJournalAndPaysTheInvoicesItPostedInOneRun()
    {
        var changes = Enumerable.Range(0, 20).SelectMany(_ => _simulator.Scenario.Step()).ToList();

        Assert.Contains(changes, c => c.StartsWith("posted GL journal", StringComparison.Ordinal));
        var paid = Assert.Single(changes, c => c.StartsWith("paid ", StringComparison.Ordinal));
        var run = _simulator.Data.FindPaymentRun(paid.Split(' ')[^1]);
        Assert.True(run.Header.ChRegister > 0);
        Assert.Equal(
            _simulator.Data.ApInvoice.Snapshot().Where(i => i.Invoice.StartsWith("SIM-", StringComparison.Ordinal) && i.Currency == "USD")
                .Select(i => i.Invoice).Order(StringComparer.Ordinal),
            run.Lines.Select(l => l.Invoice).Order(StringComparer.Ordinal));
    }

    private async Task<T> PostAsync<T>(string path, object? body = null)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_simulator.ControlAddress, path), body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonSerializer.Deserialize<T>(text, JsonSerializerOptions.Web)!;
    }
}
