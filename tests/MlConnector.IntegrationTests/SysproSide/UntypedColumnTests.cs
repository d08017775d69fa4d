using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Syspro;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>
/// Columns SYSPRO's <c>$metadata</c> does not type (issue 14): filter literals are typed from one row of the entity
/// set, so a number goes unquoted (<c>Journal gt 0</c>, which a typed service requires), dates in texts read as dates,
/// and a query SYSPRO refuses is logged with its <c>$filter</c> for the administrator, without credentials.
/// </summary>
public sealed class UntypedColumnTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InvoicePosted_JournalAndDueDateUntypedInMetadata_FiltersWithAnUnquotedNumberAndTextsTheDueDateAsADate()
    {
        var requests = new RequestRecorder();
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, purchaseOrders: 300,
            simulator: o =>
            {
                o.UntypedColumns.Add("ApInvoice.Journal");
                o.UntypedColumns.Add("ApInvoice.DueDate");
            },
            customize: b => b.Services.ConfigureHttpClientDefaults(c => c.AddHttpMessageHandler(() => new RecordingHandler(requests))));
        var data = harness.Simulator.Data;
        await harness.PollAsync(RulePresets.InvoicePosted);

        var supplier = data.SupplierNamed(SysproData.SpecialSupplierNames[0]);
        data.PostSupplierInvoice(supplier.Supplier, "INV-UNTYPED-1", 450039.87m);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.PollAsync(RulePresets.InvoicePosted);

        var filters = requests.Filters("ApInvoice");
        Assert.NotEmpty(filters);
        Assert.All(filters, f => Assert.Contains("Journal gt 0", f, StringComparison.Ordinal));
        Assert.Single(requests.Uris, u => u.AbsolutePath.EndsWith("/ApInvoice", StringComparison.Ordinal)
            && Query(u)["$top"] == "1" && Query(u)["$filter"] is null);
        var alert = Assert.Single(await harness.AlertsAsync(RulePresets.InvoicePosted));
        Assert.Contains("INV-UNTYPED-1", alert.Body, StringComparison.Ordinal);
        Assert.Matches(@"posted: 450,039\.87 [A-Z]{3}, due ", alert.Body);
        Assert.Matches(@", due \d{4}-\d{2}-\d{2}\.$", alert.Body);
    }

    [Fact]
    public async Task ODataRead_SysproAnswers400_LogsAWarningWithTheFilterAndNoCredentials()
    {
        await using var harness = await SysproSideHarness.StartAsync(SysproTransport.OData, purchaseOrders: 300, captureLogs: true);
        var source = harness.App.Services.GetRequiredService<SysproSources>().For(SysproTransport.OData);
        var query = new SourceQuery("ApInvoice", ["Supplier", "Invoice"],
            [new FilterCondition("Journal", FilterOperator.Gt, ["abc"])], ["Supplier", "Invoice"]);

        var error = await Assert.ThrowsAsync<SysproException>(async () =>
        {
            await foreach (var _ in source.ReadAsync(query, Ct))
            {
            }
        });

        Assert.Contains("Journal gt 'abc'", error.Message, StringComparison.Ordinal);
        var warning = Assert.Single(harness.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("HTTP 400", StringComparison.Ordinal));
        Assert.Contains("ApInvoice", warning, StringComparison.Ordinal);
        Assert.Contains("$filter: Journal gt 'abc'", warning, StringComparison.Ordinal);
        Assert.All(harness.Logs, l =>
        {
            Assert.DoesNotContain(harness.Simulator.Options.ODataPassword, l, StringComparison.Ordinal);
            Assert.DoesNotContain("Basic ", l, StringComparison.Ordinal);
        });
    }

    private static System.Collections.Specialized.NameValueCollection Query(Uri uri) => System.Web.HttpUtility.ParseQueryString(uri.Query);

    private sealed class RequestRecorder
    {
        private readonly ConcurrentQueue<Uri> _uris = new();

        public IReadOnlyList<Uri> Uris => [.. _uris];

        public void Add(Uri uri) => _uris.Enqueue(uri);

        /// <summary>The decoded <c>$filter</c> of every request to an entity set.</summary>
        public List<string> Filters(string set) => Uris
            .Where(u => u.AbsolutePath.EndsWith("/" + set, StringComparison.Ordinal))
            .Select(u => Query(u)["$filter"])
            .OfType<string>()
            .ToList();
    }

    private sealed class RecordingHandler(RequestRecorder recorder) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri)
            {
                recorder.Add(uri);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
