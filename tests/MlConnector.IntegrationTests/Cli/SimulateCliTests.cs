using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Simulators.Syspro;

namespace MlConnector.IntegrationTests.Cli;

/// <summary>The simulators run alone, as a developer or a new user would start them: they print where they listen and
/// what the fake credentials are, answer, and stop on SIGTERM.</summary>
public sealed partial class SimulateCliTests
{
    [Fact]
    public async Task SimulateTwilio_FreePort_PrintsCredentialsAnswersAndStops()
    {
        await using var running = await RunningProcess.StartAsync("simulate", "twilio", "--port", "0");
        var output = await running.WaitForOutputAsync(o => AccountSid().IsMatch(o) && AuthToken().IsMatch(o) && Url().IsMatch(o));
        var url = new Uri(Url().Match(output).Groups[1].Value);
        var sid = AccountSid().Match(output).Groups[1].Value;
        var token = AuthToken().Match(output).Groups[1].Value;
        using var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{sid}:{token}")));

        var account = await http.GetAsync(new Uri($"/2010-04-01/Accounts/{sid}.json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Equal(0, await running.StopAsync());
    }

    [Fact]
    public async Task SimulateSyspro_FreePort_PrintsCredentialsAnswersEnetAndStops()
    {
        await using var running = await RunningProcess.StartAsync("simulate", "syspro", "--port", "0", "--purchase-orders", "100");
        var output = await running.WaitForOutputAsync(o => Url().IsMatch(o) && o.Contains("sim-password", StringComparison.Ordinal));
        var url = new Uri(Url().Match(output).Groups[1].Value);
        using var http = new HttpClient { BaseAddress = url };

        var logon = await http.GetStringAsync(new Uri("/SYSPROWCFService/Rest/Logon?Operator=ADMIN&OperatorPassword=sim-password&CompanyId=ML&CompanyPassword=", UriKind.Relative),
            TestContext.Current.CancellationToken);

        Assert.Matches("^[0-9A-F]{34}  $", logon);
        Assert.Equal(0, await running.StopAsync());
    }

    [GeneratedRegex(@"(http://127\.0\.0\.1:\d+)/?")]
    private static partial Regex Url();

    [GeneratedRegex(@"(AC[0-9a-f]{32})")]
    private static partial Regex AccountSid();

    [GeneratedRegex(@"Auth ?Token\W+([0-9a-f]{32})", RegexOptions.IgnoreCase)]
    private static partial Regex AuthToken();

    /// <summary>ml-connector as a long-running process whose output is read as it comes.</summary>
    private sealed class RunningProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private RunningProcess(Process process) => _process = process;

        public static Task<RunningProcess> StartAsync(params string[] args)
        {
            var running = new RunningProcess(Process.Start(CliRunner.StartInfo(null, args))!);
            running._process.OutputDataReceived += (_, e) => { lock (running._output) { running._output.AppendLine(e.Data); } };
            running._process.ErrorDataReceived += (_, e) => { lock (running._output) { running._output.AppendLine(e.Data); } };
            running._process.BeginOutputReadLine();
            running._process.BeginErrorReadLine();
            return Task.FromResult(running);
        }

        public async Task<string> WaitForOutputAsync(Func<string, bool> ready)
        {
            for (var i = 0; i < 300; i++)
            {
                string text;
                lock (_output)
                {
                    text = _output.ToString();
                }

                if (ready(text))
                {
                    return text;
                }

                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            lock (_output)
            {
                throw new TimeoutException("the simulator did not print what was expected: " + _output);
            }
        }

        public async Task<int> StopAsync()
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            return _process.ExitCode;
        }

        public ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The SYSPRO simulator run alone takes the hosted options (issue 12): schema profile, untyped columns, key
/// style and scanned paging, and prints every family of control endpoints it serves.</summary>
public sealed class SimulateSysproOptionsTests
{
    [Fact]
    public async Task SimulateSyspro_MinimalSchemaSpacePaddedKeysUntypedColumn_ServesThatSite()
    {
        var start = CliRunner.StartInfo(null, ["simulate", "syspro", "--port", "0", "--purchase-orders", "50", "--schema", "minimal",
            "--key-style", "spaces", "--untyped-column", "ApInvoice.Journal", "--no-indexed-paging"]);
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            var output = new StringBuilder();
            while (!output.ToString().Contains("Ctrl+C stops", StringComparison.Ordinal))
            {
                output.AppendLine(await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken)
                    ?? throw new InvalidOperationException("the simulator stopped: " + output));
            }

            var text = output.ToString();
            var url = new Uri(System.Text.RegularExpressions.Regex.Match(text, @"listening on (http://127\.0\.0\.1:\d+/?)").Groups[1].Value);
            using var http = new HttpClient { BaseAddress = url };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("odata:odata-password")));
            var metadata = await http.GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative), TestContext.Current.CancellationToken);
            var order = await http.GetStringAsync(new Uri("/odata/PorMasterHdr?$select=PurchaseOrder&$top=1", UriKind.Relative), TestContext.Current.CancellationToken);

            Assert.Contains("site      : schema minimal, keys spaces, untyped in $metadata: ApInvoice.Journal; keyset pages by scanning", text, StringComparison.Ordinal);
            Assert.Contains("bad-answers", text, StringComparison.Ordinal);
            var orders = System.Xml.Linq.XDocument.Parse(metadata).Descendants()
                .Single(e => e.Name.LocalName == "EntityType" && (string?)e.Attribute("Name") == "PorMasterHdr");
            Assert.DoesNotContain(orders.Elements(), p => (string?)p.Attribute("Name") is "SupplierClass" or "Warehouse");
            Assert.Contains(orders.Elements(), p => (string?)p.Attribute("Name") == "OrderStatus");
            Assert.DoesNotContain("EntitySet Name=\"InvBuyer\"", metadata, StringComparison.Ordinal);
            Assert.Contains("OpenType=\"true\"", metadata, StringComparison.Ordinal);
            Assert.Matches("\"PurchaseOrder\":\" \\d{5}\"", order); // space-padded: ' 00001'-style
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task SimulateSyspro_UntypedColumnNotTableDotColumn_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(Path.GetTempPath(), null, "simulate", "syspro", "--untyped-column", "Journal");

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("--untyped-column 'Journal' is not of the form Table.Column.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SysproSimulatorHost_PrintsEveryFamilyOfControlEndpoints()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSysproSimulator(new SysproSimulatorOptions { PurchaseOrders = 10 });
        var app = builder.Build();
        app.MapSysproSimulator();

        var families = ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(p => p.StartsWith("/_sim/syspro/", StringComparison.Ordinal) && p.Length > "/_sim/syspro/".Length)
            .Select(p => p["/_sim/syspro/".Length..].Split('/')[0])
            .Distinct()
            .ToList();

        Assert.NotEmpty(families);
        var printed = string.Join("\n", MlConnector.Cli.SysproSimulatorHost.ControlEndpoints);
        Assert.All(families, f => Assert.Contains(f, printed, StringComparison.Ordinal));
    }
}
